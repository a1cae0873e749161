package io.consentinel.ingest;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Segment/RudderStack HTTP API, driven by hand-made requests shaped as the SDKs send them. */
class SegmentCompatTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    String appId;
    String key;

    @BeforeEach
    void app() {
        SdkPolicy.install(api());
        appId = Api.unique("segment");
        key = api().issueKey("app", appId);
    }

    @Test
    void aGzipBatchLabelledAsAFormWithBasicAuthIsMappedDecidedAndStored() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("analytics", "granted")));
        String messageId = "node-next-1764000000000-" + UUID.randomUUID();
        Map<String, Object> message =
                track(messageId, subject, Map.of("song", "Tum Hi Ho", "url", Telemetry.URL, "durationMs", 260));

        Response reply = post(
                "/compat/segment/v1/batch",
                gzip(Map.of("batch", List.of(message))),
                "application/x-www-form-urlencoded",
                "gzip",
                basic(key));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode result = reply.json().get("results").get(0);
        assertThat(reply.json().get("success").asBoolean()).isTrue();
        String eventId = NameBasedIds.v5(messageId).toString();
        assertThat(result.get("eventId").asString()).isEqualTo(eventId);
        assertThat(result.get("zone").asString()).isEqualTo("in");
        assertThat(result.get("fields")
                        .valueStream()
                        .map(f ->
                                f.get("path").asString() + ":" + f.get("reason").asString()))
                .containsExactlyInAnyOrder(
                        "properties.song:CONSENT_MISSING",
                        "properties.url:CONSENT_MISSING",
                        "context.device.id:MINIMISED",
                        "context.device.advertisingId:CONSENT_MISSING",
                        "context.userAgent:UNCLASSIFIED_FIELD");
        JsonNode audit = api().get("/v1/audit/decisions/" + eventId).json();
        assertThat(audit.get("type").asString()).isEqualTo("sdk.track");
        assertThat(audit.get("appId").asString()).isEqualTo(appId);
        assertThat(audit.get("subjectId").asString()).isEqualTo(subject);
        String stored = audit.get("storedAttributes").toString();
        assertThat(stored)
                .contains("https://news.example", "203.0.113.7", "\"durationMs\":260")
                .doesNotContain("Tum Hi Ho", "story", "ad-id-1", "356938035643809");
    }

    @Test
    void aRetriedBatchIsADuplicateAndStoresNothingNew() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        byte[] body = json(Map.of("batch", List.of(track("m-" + UUID.randomUUID(), subject, Map.of("durationMs", 1)))));

        JsonNode first = post("/compat/segment/v1/batch", body, "application/json", null, basic(key))
                .json();
        JsonNode retry = post("/compat/segment/v1/batch", body, "application/json", null, "Bearer " + key)
                .json();

        assertThat(first.get("results").get(0).get("duplicate").asBoolean()).isFalse();
        assertThat(retry.get("results").get(0).get("duplicate").asBoolean()).isTrue();
        assertThat(retry.get("results").get(0).get("eventId"))
                .isEqualTo(first.get("results").get(0).get("eventId"));
    }

    @Test
    void consentDeniedInTheMessageNarrowsWhatTheLedgerGrants() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> segment = withContext(
                track("m-" + UUID.randomUUID(), subject, Map.of("durationMs", 1)),
                Map.of("consent", Map.of("categoryPreferences", Map.of("Advertising", false, "Analytics", true))));
        Map<String, Object> rudder = withContext(
                track("m-" + UUID.randomUUID(), subject, Map.of("durationMs", 1)),
                Map.of("consentManagement", Map.of("deniedConsentIds", List.of("C0004"))));

        JsonNode results = post(
                        "/compat/segment/v1/batch",
                        json(Map.of("batch", List.of(segment, rudder))),
                        "application/json",
                        null,
                        basic(key))
                .json()
                .get("results");

        for (JsonNode result : results) {
            assertThat(result.get("fields")
                            .valueStream()
                            .map(f -> f.get("path").asString() + ":"
                                    + f.get("reason").asString()))
                    .contains("context.device.advertisingId:CONSENT_DENIED_IN_BAND");
            assertThat(api().get("/v1/audit/decisions/" + result.get("eventId").asString())
                            .json()
                            .get("storedAttributes")
                            .toString())
                    .doesNotContain("ad-id-1");
        }
    }

    @Test
    void invalidMessagesAreInvalidResultsAndTheOthersAreDecided() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> good = track("m-" + UUID.randomUUID(), subject, Map.of("durationMs", 1));
        Map<String, Object> noSubject = new java.util.LinkedHashMap<>(good);
        noSubject.remove("userId");
        noSubject.remove("anonymousId");
        noSubject.put("messageId", "m-" + UUID.randomUUID());
        Map<String, Object> badTime = new java.util.LinkedHashMap<>(good);
        badTime.put("messageId", "m-" + UUID.randomUUID());
        badTime.put("timestamp", "yesterday");
        Map<String, Object> huge = track("m-" + UUID.randomUUID(), subject, Map.of("blob", "x".repeat(33_000)));

        Response reply = post(
                "/compat/segment/v1/batch",
                json(Map.of("batch", List.of(good, noSubject, badTime, huge))),
                "application/json",
                null,
                basic(key));

        JsonNode results = reply.json().get("results");
        assertThat(results.valueStream().map(r -> r.get("outcome").asString()))
                .containsExactly("anonymised", "invalid", "invalid", "invalid");
        assertThat(results.get(1).get("errors").get(0).get("pointer").asString())
                .isEqualTo("/batch/1/userId");
        assertThat(results.get(2).get("errors").get(0).get("pointer").asString())
                .isEqualTo("/batch/2/timestamp");
        assertThat(results.get(3).get("errors").get(0).get("pointer").asString())
                .isEqualTo("/batch/3");
        assertThat(reply.body()).doesNotContain("xxxxxxxx");
    }

    @Test
    void aSingleCallTakesItsTypeFromThePath() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> page = new java.util.LinkedHashMap<>(
                track(UUID.randomUUID().toString(), subject, Map.of("url", Telemetry.URL)));
        page.remove("type");
        page.remove("event");

        Response reply = post("/compat/segment/v1/page", json(page), "application/json", null, basic(key));

        JsonNode result = reply.json().get("results").get(0);
        assertThat(result.get("eventId").asString()).isEqualTo(page.get("messageId"));
        assertThat(api().get("/v1/audit/decisions/" + page.get("messageId"))
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("sdk.page");
    }

    @Test
    void limitsCountDecompressedBytesAndBadInputIsAProblem() throws Exception {
        byte[] bomb = gzip(("{\"batch\":[" + " ".repeat(600_000) + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(10_000);

        Response tooLarge = post("/compat/segment/v1/batch", bomb, "application/json", "gzip", basic(key));
        Response malformed = post(
                "/compat/segment/v1/batch",
                "{\"batch\": [".getBytes(StandardCharsets.UTF_8),
                "application/json",
                null,
                basic(key));
        Response notGzip = post(
                "/compat/segment/v1/batch",
                "{}".getBytes(StandardCharsets.UTF_8),
                "application/json",
                "gzip",
                basic(key));

        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(List.of(tooLarge, malformed, notGzip))
                .allSatisfy(r -> assertThat(r.contentType()).startsWith("application/problem+json"));
    }

    @Test
    void onlyTheAppKeyAsBasicUserNameWithAnEmptyPasswordAuthenticates() throws Exception {
        byte[] body = json(Map.of("batch", List.of()));
        String withPassword =
                "Basic " + Base64.getEncoder().encodeToString((key + ":secret").getBytes(StandardCharsets.UTF_8));

        assertThat(post("/compat/segment/v1/batch", body, "application/json", null, basic(key))
                        .status())
                .isEqualTo(200);
        assertThat(post("/compat/segment/v1/batch", body, "application/json", null, basic("nope"))
                        .status())
                .isEqualTo(401);
        assertThat(post("/compat/segment/v1/batch", body, "application/json", null, withPassword)
                        .status())
                .isEqualTo(401);
        assertThat(post("/compat/segment/v1/batch", body, "application/json", null, null)
                        .headers()
                        .firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).contains("Basic"));
        assertThat(post("/v1/events", body, "application/json", null, basic(key))
                        .status())
                .isEqualTo(401);
        String officer = api().issueKey("officer", null);
        assertThat(post("/compat/segment/v1/batch", body, "application/json", null, basic(officer))
                        .status())
                .isEqualTo(403);
    }

    static Map<String, Object> track(String messageId, String subject, Map<String, Object> properties) {
        Map<String, Object> message = new java.util.LinkedHashMap<>();
        message.put("type", "track");
        message.put("event", "Song Played");
        message.put("messageId", messageId);
        message.put("userId", subject);
        message.put("anonymousId", "anon-1");
        message.put("timestamp", Instant.now().minusSeconds(1).toString());
        message.put("properties", properties);
        message.put(
                "context",
                Map.of(
                        "ip",
                        "203.0.113.7",
                        "userAgent",
                        "Mozilla/5.0",
                        "library",
                        Map.of("name", "analytics-node-next", "version", "2.1.0"),
                        "device",
                        Map.of("id", "356938035643809", "advertisingId", "ad-id-1")));
        return message;
    }

    static Map<String, Object> withContext(Map<String, Object> message, Map<String, Object> extra) {
        Map<String, Object> context = new java.util.LinkedHashMap<>((Map<String, Object>) message.get("context"));
        context.putAll(extra);
        Map<String, Object> copy = new java.util.LinkedHashMap<>(message);
        copy.put("context", context);
        return copy;
    }

    static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(Object body) {
        return Api.JSON.writeValueAsBytes(body);
    }

    static byte[] gzip(Object body) throws IOException {
        return gzip(json(body));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    Response post(String path, byte[] body, String contentType, String encoding, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().base() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }
}
