/**
 * Keeps every node's caches of control-store data (consent, policy, keys) fresh across replicas, and limits
 * how long the threads that every request waits on (the writers and the change-log read) wait for a store.
 */
package io.consentinel.control;
