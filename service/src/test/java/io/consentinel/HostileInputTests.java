package io.consentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile and broken input over HTTP. Whatever arrives: no 5xx, nothing stored, and either a problem
 * document or a correct policy decision.
 */
class HostileInputTests extends IntegrationTest {

    static final String APP = "{APP}";
    static final String ID = "{ID}";

    @Autowired
    ZoneStores stores;

    static Stream<Arguments> refused() {
        String valid = "\"eventId\":\"" + ID + "\",\"appId\":\"" + APP + "\",\"subjectId\":\"s\",\"type\":\"crash.report\","
                + "\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"jurisdiction\":\"DE\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"eventId\": nope}", 400),
                Arguments.of("truncated JSON", "{" + valid + ",\"attributes\":{\"ip\":\"203.0", 400),
                Arguments.of("empty body", "", 400),
                Arguments.of("an array instead of an event", "[{" + valid + ",\"attributes\":{}}]", 400),
                Arguments.of("a string instead of an event", "\"event\"", 400),
                Arguments.of("wrong types in every field",
                        "{\"eventId\":42,\"appId\":true,\"subjectId\":[],\"type\":{},\"occurredAt\":1,"
                                + "\"jurisdiction\":7,\"attributes\":\"x\"}", 400),
                Arguments.of("NaN", "{" + valid + ",\"attributes\":{\"batteryPct\":NaN}}", 400),
                Arguments.of("a number of 2000 digits", "{" + valid + ",\"attributes\":{\"batteryPct\":"
                        + "9".repeat(2000) + "}}", 400),
                Arguments.of("duplicate keys", "{" + valid + ",\"appId\":\"other\",\"attributes\":{}}", 400),
                Arguments.of("duplicate attribute keys",
                        "{" + valid + ",\"attributes\":{\"ip\":\"1.2.3.4\",\"ip\":\"203.0.113.7\"}}", 400),
                Arguments.of("NUL in a value", "{" + valid + ",\"attributes\":{\"stackTrace\":\"a\\u0000b\"}}", 400),
                Arguments.of("NUL in a key", "{" + valid + ",\"attributes\":{\"a\\u0000\":1}}", 400),
                Arguments.of("an unpaired surrogate", "{" + valid + ",\"attributes\":{\"stackTrace\":\"\\ud800\"}}", 400),
                Arguments.of("a key with an empty path segment",
                        "{" + valid + ",\"attributes\":{\"device..imei\":\"" + Telemetry.IMEI + "\",\"device\":{\"imei\":\"1\"}}}", 400),
                Arguments.of("an array where attributes belong", "{" + valid + ",\"attributes\":[]}", 400),
                Arguments.of("nesting deeper than 32", "{" + valid + ",\"attributes\":" + "{\"a\":".repeat(40) + "1"
                        + "}".repeat(40) + "}", 400),
                Arguments.of("a string over the limit", "{" + valid + ",\"attributes\":{\"stackTrace\":\""
                        + "x".repeat(70_000) + "\"}}", 400),
                Arguments.of("a body over 1 MiB", "{" + valid + ",\"attributes\":{" + "\"k\":\"v\",".repeat(140_000)
                        + "\"z\":1}}", 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedInputIsAProblemDocumentAndStoresNothing(String name, String body, int status) {
        String appId = Api.unique("hostile");
        Api app = api().as(api().issueKey("app", appId));

        Reply reply = app.send("POST", "/v1/events", "application/json",
                body.replace(APP, appId).replace(ID, UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));

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
                + "\"attributes\":{\"stackTrace\":\"").getBytes(StandardCharsets.UTF_8);
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
        byte[] big = ("{\"attributes\":{\"stackTrace\":\"" + "x".repeat(60_000) + "\",\"k\":[" + "1,".repeat(600_000) + "1]}}")
                .getBytes(StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api().base() + "/v1/events"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                // An input-stream publisher has no known length, so the body is sent chunked.
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
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
        assertThat(app.send("POST", "/v1/events", "text/plain", "hello".getBytes()).status()).isEqualTo(415);
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
        app.post("/v1/subjects/" + subject + "/consents", Telemetry.consent("DE", java.util.Map.of(
                "diagnostics", "granted", "analytics", "denied")));
        String eventId = UUID.randomUUID().toString();
        String body = "{\"eventId\":\"" + eventId + "\",\"appId\":\"" + appId + "\",\"subjectId\":\"" + subject
                + "\",\"type\":\"crash.report\",\"occurredAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"attributes\":{\"\\u0069p\":\"203.0.113.7\",\"memoryFreeMb\":\"512\",\"appVersion\":1e400,"
                + "\"device\":[]}}";

        Reply reply = app.send("POST", "/v1/events", "application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("outcome").asString()).isEqualTo("anonymised");
        assertThat(reply.json().get("fields").valueStream().map(f -> f.get("path").asString() + ":" + f.get("action").asString()))
                .contains("ip:truncate_ip");
        String stored = stores.byName("eu").orElseThrow().jdbc()
                .sql("select attributes::text from events where app_id = ? and event_id = ?::uuid")
                .params(appId, eventId).query(String.class).single();
        assertThat(stored).contains("203.0.113.0").doesNotContain("203.0.113.7").contains("\"512\"");
    }

    private long storedFor(String appId) {
        long rows = 0;
        for (ZoneStore store : stores.all()) {
            rows += store.jdbc().sql("select (select count(*) from decisions where app_id = ?)"
                            + " + (select count(*) from events where app_id = ?)")
                    .params(appId, appId).query(Long.class).single();
        }
        return rows;
    }
}
