package io.consentinel.zones;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Decisions for tests of the zone writer: an accepted page view, received now, with one stored attribute. */
final class PlainDecisions {

    private PlainDecisions() {}

    static PendingDecision of(String app, String jurisdiction, String zone) {
        Instant now = DecisionRecord.micros(Instant.now());
        DecisionRecord record = new DecisionRecord(
                0,
                UUID.randomUUID(),
                app,
                "subject-" + UUID.randomUUID(),
                "ref-" + UUID.randomUUID(),
                "page_view",
                jurisdiction,
                zone,
                "accepted",
                List.of(),
                List.of(),
                List.of(),
                "default@1",
                now.minusSeconds(1),
                now);
        return new PendingDecision(record, DecisionRows.JSON.createObjectNode().put("k", "v"), null);
    }
}
