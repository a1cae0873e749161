/** Event ingestion: validate, decide against consent and policy, write to the residency zone, answer. */
package io.consentinel.events;
