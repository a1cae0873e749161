package io.consentinel.consent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A committed record's terms, as the ledger writer reads them back for its answers, with its scope. */
record StoredRecord(
        UUID id,
        String appId,
        String jurisdiction,
        Boolean child,
        Instant capturedAt,
        Instant expiresAt,
        String noticeVersion,
        Map<String, String> purposes)
        implements ConsentView.Terms {

    /** Whether the record counts in app {@code viewAppId}'s view; every record counts when that is null. */
    boolean countsFor(String viewAppId) {
        return Scopes.countsIn(appId, viewAppId);
    }
}
