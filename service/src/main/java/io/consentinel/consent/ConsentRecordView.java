package io.consentinel.consent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One ledger record as the API shows it: its scope ({@code appId}, null when vendor-wide), whether an
 * admin imported it from before the backdating limit, the effective purposes and the evidence behind them.
 */
public record ConsentRecordView(
        UUID recordId,
        String appId,
        boolean imported,
        String jurisdiction,
        Map<String, String> purposes,
        String noticeVersion,
        Instant capturedAt,
        Instant expiresAt,
        String source,
        Boolean child,
        String tcString,
        Boolean gpc,
        Instant recordedAt,
        String gppString) {

    static ConsentRecordView of(ConsentRecord r) {
        return new ConsentRecordView(
                r.id(),
                r.appId(),
                r.imported(),
                r.jurisdiction(),
                Map.copyOf(r.purposes()),
                r.noticeVersion(),
                r.capturedAt(),
                r.expiresAt(),
                r.source(),
                r.child(),
                r.tcString(),
                r.gpc(),
                r.recordedAt(),
                r.gppString());
    }
}
