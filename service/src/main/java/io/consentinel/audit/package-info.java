/**
 * The compliance officers' audit API: decisions across every zone store, by filter and cursor, summaries,
 * streamed exports, and verification of each store's decisions against its transparency log.
 */
package io.consentinel.audit;
