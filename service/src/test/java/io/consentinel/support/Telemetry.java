package io.consentinel.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Builds realistic events and consent bodies for contract tests. */
public final class Telemetry {

    public static final String IMEI = "490154203237518";
    public static final String IP = "203.0.113.7";
    public static final String URL = "https://news.example/story?id=7&email=alice@example.com";

    private Telemetry() {}

    public static Map<String, Object> pageView(String appId, String subjectId) {
        return pageView(appId, subjectId, Instant.now().minusSeconds(2));
    }

    public static Map<String, Object> pageView(String appId, String subjectId, Instant occurredAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("appId", appId);
        event.put("subjectId", subjectId);
        event.put("type", "browsing.page_view");
        event.put("occurredAt", occurredAt.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("attributes", Map.of("url", URL, "device", Map.of("imei", IMEI), "ip", IP, "durationMs", 5300));
        return event;
    }

    /**
     * Asserts that a {@link #pageView} was decided with every purpose granted: stored, and changed only where
     * the default policy minimises even with consent (the device id is pseudonymised, reason MINIMISED).
     */
    public static void assertDecidedWithFullConsent(JsonNode result) {
        assertThat(result.get("outcome").asString()).as("outcome").isEqualTo("anonymised");
        assertThat(result.get("reasons").valueStream().map(JsonNode::asString))
                .as("reasons")
                .containsExactly("MINIMISED");
    }

    /** A consent body granting or denying every purpose of the default policy. */
    public static Map<String, Object> consent(String jurisdiction, String status) {
        return consent(
                jurisdiction,
                Map.of(
                        "analytics",
                        status,
                        "personalisation",
                        status,
                        "advertising",
                        status,
                        "third_party_sharing",
                        status,
                        "diagnostics",
                        status));
    }

    public static Map<String, Object> consent(String jurisdiction, Map<String, String> purposes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jurisdiction", jurisdiction);
        body.put("noticeVersion", "notice-2026-09");
        body.put("purposes", purposes);
        body.put(
                "capturedAt",
                Instant.now()
                        .minus(1, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
