/** The consent ledger: append-only records per subject, the current state kept as data, and its cache. */
package io.consentinel.consent;
