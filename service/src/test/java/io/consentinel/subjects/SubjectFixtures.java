package io.consentinel.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Records consent and posts events for test subjects through the public API, as an app would. */
final class SubjectFixtures {

    private final Api app;
    private final String appId;

    SubjectFixtures(Api admin) {
        this.appId = Api.unique("app");
        this.app = admin.as(admin.issueKey("app", appId));
    }

    /** Grants analytics and personalisation, so page views are stored as they came. */
    void consent(String subjectId, String jurisdiction, Duration ago) {
        Map<String, Object> body = Map.of(
                "jurisdiction",
                jurisdiction,
                "noticeVersion",
                "n1",
                "capturedAt",
                Instant.now().minus(ago).truncatedTo(ChronoUnit.SECONDS).toString(),
                "purposes",
                Map.of("analytics", "granted", "personalisation", "granted"));
        Reply reply = app.post("/v1/subjects/" + subjectId + "/consents", body);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }

    /** Posts a page view; {@code jurisdiction} is only used by the service when there is no consent. */
    JsonNode pageView(String subjectId, String jurisdiction) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("appId", appId);
        event.put("subjectId", subjectId);
        event.put("type", "browsing.page_view");
        event.put(
                "occurredAt",
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString());
        if (jurisdiction != null) {
            event.put("jurisdiction", jurisdiction);
        }
        event.put("attributes", Map.of("url", "https://news.example/story", "durationMs", 5300));
        Reply reply = app.post("/v1/events", event);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    /**
     * Leaves the subject's data in three stores: a decision without a zone (no consent, no jurisdiction)
     * in the control home, two events in {@code in}, then, after the subject's consent moves to Germany,
     * one event in {@code eu}. A subject has one jurisdiction at a time; moving it is how one subject
     * ends up in two zones.
     */
    Spread spreadAcrossStores(String subjectId) {
        JsonNode unplaced = pageView(subjectId, null);
        assertThat(unplaced.get("outcome").asString()).isEqualTo("rejected");
        consent(subjectId, "IN", Duration.ofHours(2));
        String in1 = stored(pageView(subjectId, null), "in");
        String in2 = stored(pageView(subjectId, null), "in");
        consent(subjectId, "DE", Duration.ofHours(1));
        String eu = stored(pageView(subjectId, null), "eu");
        return new Spread(unplaced.get("eventId").asString(), in1, in2, eu);
    }

    private static String stored(JsonNode result, String zone) {
        assertThat(result.get("outcome").asString()).as("%s", result).isEqualTo("accepted");
        assertThat(result.get("zone").asString()).isEqualTo(zone);
        return result.get("eventId").asString();
    }

    /** The event ids of {@link #spreadAcrossStores}. */
    record Spread(String unplaced, String in1, String in2, String eu) {}
}
