/** The pure decision engine: given an event, the subject's consent and the policy, decides what may be stored, where, and how. */
package io.consentinel.decision;
