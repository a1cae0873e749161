package io.consentinel.events;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import io.consentinel.zones.ZoneStores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EventIngestionTests extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    String appId;
    Api app;

    @BeforeEach
    void app() {
        appId = Api.unique("app");
        app = api().as(api().issueKey("app", appId));
    }

    @Test
    void fullyConsentedEventIsStoredInItsZoneWithOnlyTheDeviceIdMinimised() {
        String subject = Api.unique("u");
        assertThat(app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                        .status())
                .isEqualTo(201);

        Map<String, Object> event = pageView(appId, subject);
        Reply reply = app.post("/v1/events", event);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.json();
        // The default policy pseudonymises hardware ids even with consent (withConsent, docs/POLICY.md).
        assertThat(result.get("outcome").asString()).isEqualTo("anonymised");
        assertThat(result.get("zone").asString()).isEqualTo("in");
        assertThat(result.get("policyVersion").asString()).isNotBlank();
        assertThat(result.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("MINIMISED");
        assertThat(result.get("fields")
                        .valueStream()
                        .map(f ->
                                f.get("path").asString() + ":" + f.get("action").asString()))
                .containsExactly("device.imei:pseudonymise");
        assertThat(result.get("duplicate").asBoolean()).isFalse();
        assertThat(storedAttributes("in", event))
                .contains(Telemetry.URL, Telemetry.IP, "ps:")
                .doesNotContain(Telemetry.IMEI);
        assertThat(storedAttributes("eu", event)).isNull();
    }

    @Test
    void eventWithoutConsentForItsCategoriesIsAnonymisedAndNoRawValueIsStored() {
        String subject = Api.unique("u");
        app.post(
                "/v1/subjects/" + subject + "/consents",
                consent("IN", Map.of("analytics", "granted", "personalisation", "denied")));
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("analytics", "denied")));
        app.post(
                "/v1/subjects/" + subject + "/consents",
                with(
                        consent("IN", Map.of("analytics", "granted")),
                        "capturedAt",
                        Instant.now().minusSeconds(3600).toString()));

        Map<String, Object> event = pageView(appId, subject);
        JsonNode result = app.post("/v1/events", event).json();

        assertThat(result.get("outcome").asString()).isEqualTo("anonymised");
        assertThat(result.get("reasons").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("CONSENT_MISSING", "MINIMISED");
        assertThat(result.get("fields")
                        .valueStream()
                        .map(f ->
                                f.get("path").asString() + ":" + f.get("reason").asString()))
                .containsExactlyInAnyOrder("url:CONSENT_MISSING", "device.imei:MINIMISED");
        String stored = storedAttributes("in", event);
        assertThat(stored).contains("https://news.example").doesNotContain("story", "alice@example.com");
    }

    @Test
    void withdrawnConsentRejectsTheNextEvent() {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("DE", "granted"));
        assertThat(app.post("/v1/events", pageView(appId, subject))
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("anonymised");

        app.post(
                "/v1/subjects/" + subject + "/consents",
                with(consent("DE", Map.of("analytics", "denied")), "capturedAt", null));

        Map<String, Object> event = pageView(appId, subject);
        JsonNode result = app.post("/v1/events", event).json();
        assertThat(result.get("outcome").asString()).isEqualTo("rejected");
        assertThat(result.get("zone").asString()).isEqualTo("eu");
        assertThat(result.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("CONSENT_WITHDRAWN");
        assertThat(storedAttributes("eu", event)).isNull();
        assertThat(decisionCount("eu", event)).isEqualTo(1);
    }

    @Test
    void eachRejectionReasonIsReported() {
        String missing = Api.unique("u");
        app.post("/v1/subjects/" + missing + "/consents", consent("IN", Map.of("personalisation", "granted")));
        assertThat(reasonOf(pageView(appId, missing))).isEqualTo("CONSENT_MISSING");

        String expired = Api.unique("u");
        app.post(
                "/v1/subjects/" + expired + "/consents",
                with(
                        with(
                                consent("IN", "granted"),
                                "capturedAt",
                                Instant.now().minus(3, ChronoUnit.DAYS).toString()),
                        "expiresAt",
                        Instant.now().minus(1, ChronoUnit.DAYS).toString()));
        assertThat(reasonOf(pageView(appId, expired))).isEqualTo("CONSENT_EXPIRED");

        String child = Api.unique("u");
        app.post("/v1/subjects/" + child + "/consents", with(consent("IN", "granted"), "child", true));
        assertThat(reasonOf(pageView(appId, child))).isEqualTo("CHILD_PROTECTED");

        String before = Api.unique("u");
        app.post("/v1/subjects/" + before + "/consents", with(consent("IN", "granted"), "capturedAt", null));
        assertThat(reasonOf(pageView(appId, before, Instant.now().minus(2, ChronoUnit.DAYS))))
                .isEqualTo("CONSENT_MISSING");

        String unknownType = Api.unique("u");
        assertThat(reasonOf(with(with(pageView(appId, unknownType), "type", "no.such_type"), "jurisdiction", "DE")))
                .isEqualTo("EVENT_TYPE_UNKNOWN");

        assertThat(reasonOf(pageView(appId, Api.unique("nobody")))).isEqualTo("JURISDICTION_UNKNOWN");
    }

    @Test
    void unknownSubjectWithAnEventJurisdictionIsDecidedThereAndFailsClosed() {
        JsonNode result = app.post("/v1/events", with(pageView(appId, Api.unique("u")), "jurisdiction", "DE"))
                .json();
        assertThat(result.get("outcome").asString()).isEqualTo("rejected");
        assertThat(result.get("zone").asString()).isEqualTo("eu");
        assertThat(result.get("reasons").get(0).asString()).isEqualTo("CONSENT_MISSING");
    }

    @Test
    void retryReturnsTheFirstDecisionMarkedDuplicate() {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> event = pageView(appId, subject);
        JsonNode first = app.post("/v1/events", event).json();

        app.post("/v1/subjects/" + subject + "/consents", with(consent("IN", "denied"), "capturedAt", null));
        JsonNode retry = app.post("/v1/events", event).json();

        assertThat(retry.get("duplicate").asBoolean()).isTrue();
        assertThat(retry.get("outcome").asString())
                .isEqualTo(first.get("outcome").asString())
                .isEqualTo("anonymised");
        assertThat(decisionCount("in", event)).isEqualTo(1);
    }

    @Test
    void aRepeatedEventIdInOneBatchIsStoredOnceEvenForSubjectsInDifferentZones() {
        String indian = Api.unique("u");
        String german = Api.unique("u");
        app.post("/v1/subjects/" + indian + "/consents", consent("IN", "granted"));
        app.post("/v1/subjects/" + german + "/consents", consent("DE", "granted"));
        Map<String, Object> first = pageView(appId, indian);
        Map<String, Object> repeat = with(pageView(appId, german), "eventId", first.get("eventId"));

        JsonNode results = app.post("/v1/events/batch", Map.of("events", List.of(first, repeat)))
                .json()
                .get("results");

        assertThat(results.get(0).get("duplicate").asBoolean()).isFalse();
        assertThat(results.get(1).get("duplicate").asBoolean()).isTrue();
        assertThat(results.get(1).get("zone").asString()).isEqualTo("in");
        assertThat(decisionCount("in", first)).isEqualTo(1);
        assertThat(decisionCount("eu", first)).isZero();
    }

    @Test
    void anotherAppsEventIs403AndAdminsCannotPostEvents() {
        Reply foreign = app.post("/v1/events", pageView("someone-else", Api.unique("u")));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(api().post("/v1/events", pageView(appId, Api.unique("u"))).status())
                .isEqualTo(403);
    }

    @Test
    void invalidSingleEventIs400ListingEveryProblemWithoutEchoingValues() {
        Map<String, Object> event = with(
                with(
                        with(pageView(appId, "u"), "eventId", "not-a-uuid"),
                        "occurredAt",
                        Instant.now().plus(1, ChronoUnit.HOURS).toString()),
                "attributes",
                List.of(Telemetry.IMEI));
        Reply reply = app.post("/v1/events", event);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString()))
                .containsExactlyInAnyOrder("/eventId", "/occurredAt", "/attributes");
        assertThat(reply.body()).doesNotContain(Telemetry.IMEI, "not-a-uuid");
    }

    @Test
    void batchMarksBadItemsInvalidAndDecidesTheRestInOrder() {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> good = pageView(appId, subject);
        Map<String, Object> bad = with(pageView(appId, subject), "occurredAt", "yesterday");
        Map<String, Object> emptySegment =
                with(pageView(appId, subject), "attributes", Map.of("device..imei", Telemetry.IMEI));

        Reply reply = app.post("/v1/events/batch", Map.of("events", List.of(good, bad, emptySegment)));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results.valueStream().map(r -> r.get("outcome").asString()))
                .containsExactly("anonymised", "invalid", "invalid");
        assertThat(results.get(0).get("eventId").asString()).isEqualTo(good.get("eventId"));
        assertThat(results.get(1).get("errors").get(0).get("pointer").asString())
                .isEqualTo("/events/1/occurredAt");
        assertThat(results.get(2).get("errors").get(0).get("pointer").asString())
                .isEqualTo("/events/2/attributes/device..imei");
        assertThat(storedAttributes("in", bad)).isNull();
        assertThat(reply.body()).doesNotContain(Telemetry.IMEI);
    }

    @Test
    void aDottedAttributeKeyGetsTheRuleOfThePathItSpellsAndIsStoredAsSent() {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("diagnostics", "granted")));
        Map<String, Object> event = with(
                with(pageView(appId, subject), "type", "device.heartbeat"),
                "attributes",
                Map.of("device.imei", Telemetry.IMEI, "device", Map.of("model", "Pixel 9"), "ip", Telemetry.IP));

        JsonNode result = app.post("/v1/events", event).json();

        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("anonymised");
        assertThat(result.get("fields").valueStream().map(f -> f.get("path").asString()))
                .containsExactlyInAnyOrder("device.imei", "ip");
        String stored = storedAttributes("in", event);
        assertThat(stored)
                .contains("\"device.imei\": \"ps:", "\"device\": {\"model\": \"Pixel 9\"}")
                .doesNotContain(Telemetry.IMEI, Telemetry.IP);
    }

    @Test
    void batchLimitsAreEnforced() {
        assertThat(app.post("/v1/events/batch", Map.of("events", List.of())).status())
                .isEqualTo(400);
        List<Map<String, Object>> tooMany = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> Map.<String, Object>of("eventId", "x"))
                .toList();
        Reply reply = app.post("/v1/events/batch", Map.of("events", tooMany));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private String reasonOf(Map<String, Object> event) {
        JsonNode result = app.post("/v1/events", event).json();
        assertThat(result.get("outcome").asString()).as(result.toString()).isEqualTo("rejected");
        return result.get("reasons").get(0).asString();
    }

    String storedAttributes(String zone, Map<String, Object> event) {
        return stores.byName(zone)
                .orElseThrow()
                .jdbc()
                .sql("select attributes::text from events where app_id = ? and event_id = ?::uuid")
                .params(event.get("appId"), event.get("eventId"))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    long decisionCount(String zone, Map<String, Object> event) {
        return stores.byName(zone)
                .orElseThrow()
                .jdbc()
                .sql("select count(*) from decisions where app_id = ? and event_id = ?::uuid")
                .params(event.get("appId"), event.get("eventId"))
                .query(Long.class)
                .single();
    }
}
