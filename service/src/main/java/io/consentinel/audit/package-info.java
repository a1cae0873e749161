/**
 * The compliance officers' audit API: decisions across every zone store, by filter and cursor, summaries,
 * streamed exports, and verification of each store's hash chain.
 */
package io.consentinel.audit;
