package io.consentinel.consent;

import java.time.Instant;
import java.util.Map;

/**
 * A validated request to append a consent record; {@code purposes} holds only the explicit statuses.
 * {@code imported} marks a capture time older than the backdating limit, accepted only from an admin.
 */
record ConsentCommand(
        String jurisdiction,
        String noticeVersion,
        Map<String, String> purposes,
        Instant capturedAt,
        Instant expiresAt,
        String source,
        Boolean child,
        String tcString,
        Boolean gpc,
        String gppString,
        boolean imported) {}
