package io.consentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import io.consentinel.support.TestStores;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Hostile and broken input over HTTP, including what the web server refuses before the application sees
 * it (sent over a raw socket, so that no client library tidies the request up). Whatever arrives: no 5xx, nothing stored, and either a problem
 * document or a correct policy decision.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTests extends IntegrationTest {

    static final String APP = "{APP}";
    static final String ID = "{ID}";

    @Autowired
    ZoneStores stores;

    static Stream<Arguments> refused() {
        String valid = "\"eventId\":\"" + ID + "\",\"appId\":\"" + APP
                + "\",\"subjectId\":\"s\",\"type\":\"crash.report\"," + "\"occurredAt\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"jurisdiction\":\"DE\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"eventId\": nope}", 400),
                Arguments.of("truncated JSON", "{" + valid + ",\"attributes\":{\"ip\":\"203.0", 400),
                Arguments.of("empty body", "", 400),
                Arguments.of("an array instead of an event", "[{" + valid + ",\"attributes\":{}}]", 400),
                Arguments.of("a string instead of an event", "\"event\"", 400),
                Arguments.of(
                        "wrong types in every field",
                        "{\"eventId\":42,\"appId\":true,\"subjectId\":[],\"type\":{},\"occurredAt\":1,"
                                + "\"jurisdiction\":7,\"attributes\":\"x\"}",
                        400),
                Arguments.of("NaN", "{" + valid + ",\"attributes\":{\"batteryPct\":NaN}}", 400),
                Arguments.of(
                        "a number of 2000 digits",
                        "{" + valid + ",\"attributes\":{\"batteryPct\":" + "9".repeat(2000) + "}}",
                        400),
                Arguments.of("duplicate keys", "{" + valid + ",\"appId\":\"other\",\"attributes\":{}}", 400),
                Arguments.of(
                        "duplicate attribute keys",
                        "{" + valid + ",\"attributes\":{\"ip\":\"1.2.3.4\",\"ip\":\"203.0.113.7\"}}",
                        400),
                Arguments.of("NUL in a value", "{" + valid + ",\"attributes\":{\"stackTrace\":\"a\\u0000b\"}}", 400),
                Arguments.of("NUL in a key", "{" + valid + ",\"attributes\":{\"a\\u0000\":1}}", 400),
                Arguments.of(
                        "an unpaired surrogate", "{" + valid + ",\"attributes\":{\"stackTrace\":\"\\ud800\"}}", 400),
                Arguments.of(
                        "a key with an empty path segment",
                        "{" + valid + ",\"attributes\":{\"device..imei\":\"" + Telemetry.IMEI
                                + "\",\"device\":{\"imei\":\"1\"}}}",
                        400),
                Arguments.of("an array where attributes belong", "{" + valid + ",\"attributes\":[]}", 400),
                Arguments.of(
                        "nesting deeper than 32",
                        "{" + valid + ",\"attributes\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
                        400),
                Arguments.of(
                        "a string over the limit",
                        "{" + valid + ",\"attributes\":{\"stackTrace\":\"" + "x".repeat(70_000) + "\"}}",
                        400),
                Arguments.of(
                        "a body over 1 MiB",
                        "{" + valid + ",\"attributes\":{" + "\"k\":\"v\",".repeat(140_000) + "\"z\":1}}",
                        413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedInputIsAProblemDocumentAndStoresNothing(String name, String body, int status) {
        String appId = Api.unique("hostile");
        Api app = api().as(api().issueKey("app", appId));

        Reply reply = app.send(
                "POST",
                "/v1/events",
                "application/json",
                body.replace(APP, appId)
                        .replace(ID, UUID.randomUUID().toString())
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as(name).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).isNotBlank().doesNotContain(Telemetry.IMEI, "203.0.113.7");
        assertThat(storedFor(appId)).isZero();
    }

    @Test
    void invalidUtf8IsRefused() {
        String appId = Api.unique("hostile");
        Api app = api().as(api().issueKey("app", appId));
        byte[] prefix = ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"appId\":\"" + appId
                        + "\",\"subjectId\":\"s\",\"type\":\"crash.report\",\"occurredAt\":\"2026-11-24T10:00:00Z\","
                        + "\"attributes\":{\"stackTrace\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 5];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        body[prefix.length + 4] = '}';

        Reply reply = app.send("POST", "/v1/events", "application/json", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(storedFor(appId)).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413WithoutBeingReadWhole() throws Exception {
        String appId = Api.unique("hostile");
        String key = api().issueKey("app", appId);
        byte[] big = ("{\"attributes\":{\"stackTrace\":\"" + "x".repeat(60_000) + "\",\"k\":[" + "1,".repeat(600_000)
                        + "1]}}")
                .getBytes(StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/v1/events"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                // An input-stream publisher has no known length, so the body is sent chunked.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big)))
                .build();

        var response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(storedFor(appId)).isZero();
    }

    @Test
    void nonJsonContentTypeIs415AndEmptyOrWrongBatchesAre400() {
        String appId = Api.unique("hostile");
        Api app = api().as(api().issueKey("app", appId));
        assertThat(app.send("POST", "/v1/events", "text/plain", "hello".getBytes())
                        .status())
                .isEqualTo(415);
        for (String batch : new String[] {"{\"events\":{}}", "{\"events\":\"x\"}", "[]", "{}", "{\"events\":null}"}) {
            Reply reply = app.send("POST", "/v1/events/batch", "application/json", batch.getBytes());
            assertThat(reply.status()).as(batch).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(storedFor(appId)).isZero();
    }

    @Test
    void escapedKeysNumbersAsStringsAndHugeNumbersGetACorrectDecision() {
        String appId = Api.unique("hostile");
        Api app = api().as(api().issueKey("app", appId));
        String subject = Api.unique("u");
        // Diagnostics granted, analytics not: a crash report is kept, but its IP must be truncated.
        app.post(
                "/v1/subjects/" + subject + "/consents",
                Telemetry.consent("DE", java.util.Map.of("diagnostics", "granted", "analytics", "denied")));
        String eventId = UUID.randomUUID().toString();
        String body = "{\"eventId\":\"" + eventId + "\",\"appId\":\"" + appId + "\",\"subjectId\":\"" + subject
                + "\",\"type\":\"crash.report\",\"occurredAt\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"attributes\":{\"\\u0069p\":\"203.0.113.7\",\"memoryFreeMb\":\"512\",\"appVersion\":1e400,"
                + "\"device\":[]}}";

        Reply reply = app.send("POST", "/v1/events", "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("anonymised");
        assertThat(reply.json()
                        .get("fields")
                        .valueStream()
                        .map(f ->
                                f.get("path").asString() + ":" + f.get("action").asString()))
                .contains("ip:truncate_ip");
        String stored = stores.byName("eu")
                .orElseThrow()
                .jdbc()
                .sql("select attributes::text from events where app_id = ? and event_id = ?::uuid")
                .params(appId, eventId)
                .query(String.class)
                .single();
        assertThat(stored).contains("203.0.113.0").doesNotContain("203.0.113.7").contains("\"512\"");
    }

    static Stream<Arguments> refusedAtTheEdge() {
        String params = IntStream.range(0, 1001).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        return Stream.of(
                Arguments.of("more query parameters than allowed", "GET /v1/policy?" + params + " HTTP/1.1\r\n", 400),
                Arguments.of(
                        "more form parameters than allowed",
                        "POST /v1/policy/evaluate HTTP/1.1\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                + params.length()
                                + "\r\n\r\n" + params,
                        400),
                Arguments.of("a NUL in the path", "GET /v1/policy%00 HTTP/1.1\r\n", 400),
                Arguments.of("an encoded slash in the path", "GET /v1/policy/versions/a%2Fb HTTP/1.1\r\n", 400),
                Arguments.of(
                        "a header over the limit",
                        "GET /v1/policy HTTP/1.1\r\nX-Padding: " + "x".repeat(20_000) + "\r\n",
                        400),
                Arguments.of("TRACE", "TRACE /v1/policy HTTP/1.1\r\n", 405),
                Arguments.of("a method nobody implements", "BREW /v1/policy HTTP/1.1\r\n", 405),
                Arguments.of(
                        "a method the resource does not support",
                        "PATCH /v1/events HTTP/1.1\r\n"
                                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
                        405));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAtTheEdge")
    void whatTheWebServerRefusesIsAProblemDocumentAndLogsNoStackTrace(
            String name, String request, int status, CapturedOutput output) throws IOException {
        int logged = output.getAll().length();

        RawReply reply = raw(withHostAndKey(request));

        assertThat(reply.status()).as(name).isEqualTo(status);
        assertThat(reply.header("content-type")).as(name).startsWith("application/problem+json");
        assertThat(reply.header("x-content-type-options")).as(name).isEqualTo("nosniff");
        JsonNode problem = Api.JSON.readTree(reply.body());
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Tomcat", "<html", "p1000");
        assertThat(output.getAll().substring(logged)).as(name).doesNotContain("\tat ", "Exception");
    }

    @Test
    void everyAnswerSaysNoSniffAndOnlyTheNewKeyIsNotToBeStored() {
        Reply created = api().post("/v1/api-keys", "{\"role\":\"app\",\"appId\":\"" + Api.unique("app") + "\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");

        for (Reply reply : List.of(
                created,
                api().get("/v1/policy"),
                api().as(null).get("/v1/policy"),
                api().get("/v1/api-keys/" + UUID.randomUUID()),
                api().get("/nowhere"))) {
            assertThat(reply.headers().firstValue("X-Content-Type-Options"))
                    .as(reply.toString())
                    .contains("nosniff");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-12-01 hotfix", "a/b", "v1;x=1", "v1?draft", "v1#2", "v%20", "../v1", "\u00e9t\u00e9"})
    void aPolicyVersionThatCannotBeServedIsRefusedWholeAndNothingIsActivated(String version) {
        String active = api().get("/v1/policy").json().get("version").asString();
        var policy =
                (tools.jackson.databind.node.ObjectNode) api().get("/v1/policy").json();
        policy.remove("activatedAt");
        policy.put("version", version);

        Reply reply = api().put("/v1/policy", policy);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/version");
        assertThat(api().get("/v1/policy").json().get("version").asString()).isEqualTo(active);
        assertThat(api().get("/v1/policy/versions").body()).doesNotContain(version);
    }

    private String withHostAndKey(String request) {
        int headersEnd = request.indexOf("\r\n") + 2;
        return request.substring(0, headersEnd) + "Host: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                + TestStores.ADMIN_KEY + "\r\n"
                + (request.contains("\r\n\r\n")
                        ? request.substring(headersEnd)
                        : request.substring(headersEnd) + "\r\n");
    }

    private RawReply raw(String request) throws IOException {
        URI base = URI.create(api().base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return RawReply.parse(answer);
        }
    }

    /** An HTTP/1.1 answer read off the socket; chunked bodies are joined. */
    record RawReply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        static RawReply parse(String answer) {
            int split = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, split).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = answer.substring(split + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                StringBuilder joined = new StringBuilder();
                int at = 0;
                while (true) {
                    int end = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, end).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    joined.append(body, end + 2, end + 2 + size);
                    at = end + 2 + size + 2;
                }
                body = joined.toString();
            }
            return new RawReply(status, headers, body);
        }
    }

    private long storedFor(String appId) {
        long rows = 0;
        for (ZoneStore store : stores.all()) {
            rows += store.jdbc()
                    .sql("select (select count(*) from decisions where app_id = ?)"
                            + " + (select count(*) from events where app_id = ?)")
                    .params(appId, appId)
                    .query(Long.class)
                    .single();
        }
        return rows;
    }
}
