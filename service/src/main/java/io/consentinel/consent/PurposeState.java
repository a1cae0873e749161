package io.consentinel.consent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.UUID;

/** The current status of one purpose for one subject, and the record that set it. */
@Embeddable
record PurposeState(
        String status,
        Instant since,
        @Column(name = "expires_at") Instant expiresAt,
        @Column(name = "notice_version") String noticeVersion,
        @Column(name = "record_id") UUID recordId) {}
