/** Keeps every node's caches of control-store data (consent, policy, keys) fresh across replicas. */
package io.consentinel.control;
