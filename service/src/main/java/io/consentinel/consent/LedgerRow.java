package io.consentinel.consent;

import java.time.Instant;
import java.util.UUID;

/** One purpose of one record, as the decision cache loads it; {@code purpose} is null for a record without any. */
record LedgerRow(
        String subjectId,
        UUID recordId,
        String scope,
        String jurisdiction,
        Boolean child,
        Instant capturedAt,
        Instant expiresAt,
        String purpose,
        String status) {}
