package io.consentinel.security;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consent appends and events served on the direct path answer exactly as the controllers do, and every request the
 * direct path does not own still reaches the usual chain. A query string sends a request the usual way,
 * so each pair below differs only in the path it took; the counter says which one that was.
 */
class DirectRoutesTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATTERN = "/v1/subjects/{subjectId}/consents";

    @Autowired
    private MeterRegistry meters;

    private String appKey;

    @BeforeEach
    void appKey() {
        appKey = api().issueKey("app", Api.unique("direct"));
    }

    @Test
    void aPlainAppendIsServedDirectlyWithTheControllersStatusHeadersAndBody() throws Exception {
        String body = Api.JSON.writeValueAsString(consent("IN", "granted"));

        long timedBefore = timedAppends();
        Exchange direct = post(Api.unique("d"), "", appKey, "application/json", null, body);
        long timedAfterDirect = timedAppendsOnceAtLeast(timedBefore + 1);
        Exchange usual = post(Api.unique("u"), "?via=mvc", appKey, "application/json", null, body);

        assertThat(direct.servedDirectly()).isTrue();
        assertThat(usual.servedDirectly()).isFalse();
        assertThat(direct.status()).isEqualTo(201).isEqualTo(usual.status());
        assertThat(direct.headers()).isEqualTo(usual.headers());
        assertThat(comparable(direct)).isEqualTo(comparable(usual));
        // The HTTP metrics name the route by its pattern, as Spring MVC does.
        assertThat(timedAfterDirect).isEqualTo(timedBefore + 1);
    }

    /** The metric is recorded as the request ends, which the client may see a moment earlier. */
    private long timedAppendsOnceAtLeast(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long timed = timedAppends();
        while (timed < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            timed = timedAppends();
        }
        return timed;
    }

    private long timedAppends() {
        var timer = meters.find("http.server.requests")
                .tag("uri", PATTERN)
                .tag("status", "201")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void anInvalidConsentIsTheControllers400OnEitherPath() throws Exception {
        String body = "{\"jurisdiction\":\"IN\",\"noticeVersion\":\"n\",\"purposes\":{\"analytics\":\"maybe\"}}";

        String subject = Api.unique("invalid");
        Exchange direct = post(subject, "", appKey, "application/json", null, body);
        Exchange usual = post(subject, "?via=mvc", appKey, "application/json", null, body);

        assertThat(direct.servedDirectly()).isTrue();
        assertThat(direct.status()).isEqualTo(400).isEqualTo(usual.status());
        assertThat(direct.headers()).isEqualTo(usual.headers());
        assertThat(direct.response().body()).isEqualTo(usual.response().body());
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsReplayedToTheControllerAndRefusedAsBefore() throws Exception {
        for (String body : List.of("{\"jurisdiction\": tru", "[1,2]", "null", "")) {
            Exchange direct = post("same-subject", "", appKey, "application/json", null, body);
            Exchange usual = post("same-subject", "?via=mvc", appKey, "application/json", null, body);

            assertThat(direct.servedDirectly()).as(body).isFalse();
            assertThat(direct.status()).as(body).isEqualTo(400).isEqualTo(usual.status());
            assertThat(direct.response().body())
                    .as(body)
                    .isEqualTo(usual.response().body());
        }
    }

    @Test
    void requestsTheDirectPathDoesNotOwnGetTheUsualAnswers() throws Exception {
        String body = Api.JSON.writeValueAsString(consent("IN", "granted"));
        String officer = api().issueKey("officer", null);

        Exchange unknownKey = post(Api.unique("s"), "", "csk_unknown", "application/json", null, body);
        Exchange noKey = post(Api.unique("s"), "", null, "application/json", null, body);
        Exchange wrongRole = post(Api.unique("s"), "", officer, "application/json", null, body);
        Exchange notJson = post(Api.unique("s"), "", appKey, "text/plain", null, body);
        Exchange otherCharset = post(Api.unique("s"), "", appKey, "application/json;charset=ISO-8859-1", null, body);
        Exchange html = post(Api.unique("s"), "", appKey, "application/json", "text/html", body);
        Exchange encoded = post("%75ser-" + Api.unique("e"), "", appKey, "application/json", null, body);

        assertThat(unknownKey.status()).isEqualTo(401);
        assertThat(unknownKey.response().headers().firstValue("WWW-Authenticate"))
                .contains("Bearer");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(otherCharset.status()).isEqualTo(201);
        assertThat(html.status()).isEqualTo(406);
        assertThat(encoded.status()).isEqualTo(201);
        assertThat(encoded.response().body()).contains("\"subjectId\":\"user-");
        for (Exchange usual : List.of(unknownKey, noKey, wrongRole, notJson, otherCharset, html, encoded)) {
            assertThat(usual.servedDirectly()).as(usual.toString()).isFalse();
        }
    }

    @Test
    void aStreamedBodyOverTheLimitIs413OnTheDirectPath() throws Exception {
        byte[] big = ("{\"jurisdiction\":\"IN\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + "/v1/subjects/big/consents"))
                .header("Authorization", "Bearer " + appKey)
                .header("Content-Type", "application/json")
                // An input-stream publisher has no known length, so the body is sent chunked.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // Spring Security's chain writes its headers on every answer; so does the direct path.
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void eventsSingleAndInBatchesAreServedDirectlyWithTheControllersAnswers() throws Exception {
        String appId = Api.unique("direct-events");
        String key = api().issueKey("app", appId);
        String subject = Api.unique("s");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));

        for (String path : List.of("/v1/events", "/v1/events/batch")) {
            Exchange direct = exchange(path, key, eventBody(path, appId, subject));
            Exchange usual = exchange(path + "?via=mvc", key, eventBody(path, appId, subject));

            assertThat(direct.servedDirectly()).as(path).isTrue();
            assertThat(usual.servedDirectly()).as(path).isFalse();
            assertThat(direct.status()).as(path).isEqualTo(200).isEqualTo(usual.status());
            assertThat(direct.headers()).as(path).isEqualTo(usual.headers());
            assertThat(withoutEventIds(direct)).as(path).isEqualTo(withoutEventIds(usual));
        }
        Exchange otherApp = exchange("/v1/events", key, eventBody("/v1/events", "another-app", subject));
        assertThat(otherApp.servedDirectly()).isTrue();
        assertThat(otherApp.status()).isEqualTo(403);
    }

    private static String eventBody(String path, String appId, String subject) {
        Map<String, Object> event = pageView(appId, subject);
        return Api.JSON.writeValueAsString(path.endsWith("/batch") ? Map.of("events", List.of(event, event)) : event);
    }

    private static String withoutEventIds(Exchange exchange) {
        return exchange.response().body().replaceAll("\"eventId\":\"[^\"]*\"", "");
    }

    private Exchange exchange(String pathAndQuery, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + pathAndQuery))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        double before = directCount();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Exchange(response, directCount() > before);
    }

    private Exchange post(String subject, String query, String key, String contentType, String accept, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(api().base() + "/v1/subjects/" + subject + "/consents" + query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        double before = directCount();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Exchange(response, directCount() > before);
    }

    /** Requests served on the direct path so far, over every route. */
    private double directCount() {
        return meters.find("consentinel.http.direct").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** The answer with what differs between two subjects' first records (ids, times) taken out. */
    private static JsonNode comparable(Exchange exchange) {
        ObjectNode state = (ObjectNode) Api.JSON.readTree(exchange.response().body());
        state.remove("subjectId");
        state.get("purposes").forEach(purpose -> ((ObjectNode) purpose).remove(List.of("recordId", "since")));
        return state;
    }

    private record Exchange(HttpResponse<String> response, boolean servedDirectly) {

        int status() {
            return response.statusCode();
        }

        /** Every header but the date and how the body was framed, by lower-case name. */
        Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!List.of("date", "content-length", "transfer-encoding", ":status")
                        .contains(lower)) {
                    headers.put(lower, values);
                }
            });
            return headers;
        }
    }
}
