package io.consentinel.ingest;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The real, unmodified SDKs from npm (service/src/test/sdk, installed by {@code npm ci} in .ci/run) send
 * to the running service through a proxy that makes them retry their first request; the audit trail and
 * the zone store then show the mapping, in-band narrowing, retries as duplicates, and no raw value where
 * consent is missing. Nothing is skipped: without node or the installed SDKs the test fails and says why.
 */
class SdkClientTests extends IntegrationTest {

    private static final Path SDK_DIR = Path.of("src/test/sdk");
    /** Values whose purpose is missing in the ledger (personalisation) or minimised (device id). */
    private static final List<String> RAW =
            List.of("356938035643809", "alice@example.com", "Tum Hi Ho", "Kesariya", "story?id=7");

    private static final String ADVERTISING_ID = "ad-id-9f3b";

    @Autowired
    ZoneStores stores;

    String appId;
    String key;
    String subject;

    @BeforeEach
    void app() {
        SdkPolicy.install(api());
        appId = Api.unique("sdk");
        key = api().issueKey("app", appId);
        subject = Api.unique("u");
        // Personalisation is refused in the ledger; advertising is granted there and refused in band.
        api().as(key)
                .post(
                        "/v1/subjects/" + subject + "/consents",
                        consent(
                                "IN",
                                Map.of("analytics", "granted", "advertising", "granted", "personalisation", "denied")));
    }

    @Test
    void segmentsNodeSdkIsMappedNarrowedAndItsRetryIsADuplicate() throws Exception {
        JsonNode run = send("segment");

        JsonNode requests = run.get("requests");
        assertThat(requests.size()).as(run.toString()).isGreaterThanOrEqualTo(2);
        assertThat(requests.get(0).get("authorization").asString()).isEqualTo("Basic");
        List<String> eventIds = retriedAsDuplicates(requests);
        assertThat(eventIds).hasSize(3);
        List<JsonNode> decisions = eventIds.stream()
                .map(id -> api().get("/v1/audit/decisions/" + id).json())
                .toList();
        assertThat(decisions)
                .extracting(d -> d.get("type").asString())
                .containsExactlyInAnyOrder("sdk.track", "sdk.page", "sdk.track");
        JsonNode track = decisions.stream()
                .filter(d -> d.get("storedAttributes").has("properties")
                        && d.get("storedAttributes").get("properties").has("durationMs"))
                .findFirst()
                .orElseThrow();
        assertThat(paths(track))
                .contains(
                        "context.device.advertisingId:CONSENT_DENIED_IN_BAND",
                        "properties.song:CONSENT_MISSING",
                        "properties.url:CONSENT_MISSING",
                        "context.device.id:MINIMISED");
        assertThat(track.get("storedAttributes").toString()).doesNotContain(ADVERTISING_ID);
        // The page call carried no in-band consent: the ledger's advertising grant stands.
        assertThat(decisions.stream()
                        .filter(d -> d.get("type").asString().equals("sdk.page"))
                        .findFirst()
                        .orElseThrow()
                        .get("storedAttributes")
                        .toString())
                .contains(ADVERTISING_ID);
        assertThat(decisions)
                .allSatisfy(d -> assertThat(d.get("subjectId").asString()).isEqualTo(subject));
        assertNoRawValueStoredAndOneRowPerEvent(eventIds);
    }

    @Test
    void rudderStacksNodeSdkSendsGzipLabelledAsAFormAndIsDecidedTheSameWay() throws Exception {
        JsonNode run = send("rudderstack");

        JsonNode first = run.get("requests").get(0);
        assertThat(first.get("contentEncoding").asString()).isEqualTo("gzip");
        assertThat(first.get("contentType").asString()).startsWith("application/x-www-form-urlencoded");
        assertThat(first.get("authorization").asString()).isEqualTo("Basic");
        List<String> eventIds = retriedAsDuplicates(run.get("requests"));
        assertThat(eventIds).hasSize(3);
        List<JsonNode> decisions = eventIds.stream()
                .map(id -> api().get("/v1/audit/decisions/" + id).json())
                .toList();
        assertThat(decisions)
                .allSatisfy(d -> assertThat(d.get("type").asString()).isEqualTo("sdk.track"));
        JsonNode narrowed = decisions.get(0);
        assertThat(paths(narrowed))
                .contains("context.device.advertisingId:CONSENT_DENIED_IN_BAND", "properties.song:CONSENT_MISSING");
        assertThat(narrowed.get("storedAttributes").toString()).doesNotContain(ADVERTISING_ID);
        assertNoRawValueStoredAndOneRowPerEvent(eventIds);
    }

    @Test
    void theOpenTelemetryJsonLogExporterIsDecidedPerRecordWithDottedKeys() throws Exception {
        JsonNode requests = send("otel").get("requests");

        assertThat(requests.get(0).get("contentType").asString()).startsWith("application/json");
        assertThat(requests.get(0).get("answer")).isEqualTo(Api.JSON.readTree("{}"));
        assertThat(requests.get(1).get("answer")).isEqualTo(Api.JSON.readTree("{}"));
        assertOtelRecordsDecided(requests);
    }

    @Test
    void theOpenTelemetryProtobufLogExporterIsDecidedTheSameWay() throws Exception {
        JsonNode requests = send("otel-proto").get("requests");

        assertThat(requests.get(0).get("contentType").asString()).startsWith("application/x-protobuf");
        assertThat(requests.get(1).get("answerType").asString()).startsWith("application/x-protobuf");
        assertThat(requests.get(1).get("answer").asInt())
                .as("an empty ExportLogsServiceResponse: all stored")
                .isZero();
        assertOtelRecordsDecided(requests);
    }

    private void assertOtelRecordsDecided(JsonNode requests) {
        assertThat(requests.size()).as(requests.toString()).isGreaterThanOrEqualTo(2);
        assertThat(requests.get(0).get("path").asString()).isEqualTo("/otlp/v1/logs");
        assertThat(requests.get(0).get("authorization").asString()).isEqualTo("Bearer");
        assertThat(requests.get(0).get("contentEncoding").asString()).isEqualTo("gzip");
        assertThat(requests).allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(200));
        JsonNode items = api().get("/v1/audit/decisions?appId=" + appId).json().get("items");
        assertThat(items).hasSize(2); // the retry stored nothing new
        List<String> eventIds = new ArrayList<>();
        for (JsonNode item : items) {
            eventIds.add(item.get("eventId").asString());
            JsonNode decision = api().get(
                            "/v1/audit/decisions/" + item.get("eventId").asString())
                    .json();
            assertThat(decision.get("type").asString()).isEqualTo("sdk.log");
            assertThat(decision.get("subjectId").asString()).isEqualTo(subject);
            assertThat(paths(decision))
                    .contains("device.id:MINIMISED", "song.title:CONSENT_MISSING", "url.full:CONSENT_MISSING");
            JsonNode stored = decision.get("storedAttributes");
            assertThat(stored.get("client.address").asString()).isEqualTo("203.0.113.7");
            assertThat(stored.get("url.full").asString()).isEqualTo("https://news.example");
            assertThat(stored.get("device.id").asString()).startsWith("ps:");
        }
        assertNoRawValueStoredAndOneRowPerEvent(eventIds);
    }

    /** The proxy made the SDK send its first request twice: the second answer marks every message duplicate. */
    private static List<String> retriedAsDuplicates(JsonNode requests) {
        JsonNode first = requests.get(0);
        JsonNode retry = requests.get(1);
        assertThat(first.get("answeredSdk").asInt()).isEqualTo(503);
        assertThat(retry.get("messageIds")).isEqualTo(first.get("messageIds"));
        List<String> eventIds = new ArrayList<>();
        for (JsonNode request : requests) {
            assertThat(request.get("status").asInt()).as(request.toString()).isEqualTo(200);
            JsonNode results = request.get("answer").get("results");
            for (int i = 0; i < results.size(); i++) {
                JsonNode result = results.get(i);
                assertThat(result.get("eventId").asString())
                        .isEqualTo(NameBasedIds.eventId(
                                request.get("messageIds").get(i).asString()));
                assertThat(result.get("outcome").asString()).isIn("accepted", "anonymised");
                if (request == retry) {
                    assertThat(result.get("duplicate").asBoolean()).isTrue();
                } else if (request == first) {
                    assertThat(result.get("duplicate").asBoolean()).isFalse();
                }
                if (!eventIds.contains(result.get("eventId").asString())) {
                    eventIds.add(result.get("eventId").asString());
                }
            }
        }
        return eventIds;
    }

    private void assertNoRawValueStoredAndOneRowPerEvent(List<String> eventIds) {
        List<String> rows = stores.byName("in")
                .orElseThrow()
                .jdbc()
                .sql("select attributes::text from events where app_id = ?")
                .param(appId)
                .query(String.class)
                .list();
        assertThat(rows).hasSize(eventIds.size());
        assertThat(String.join("\n", rows)).doesNotContain(RAW);
    }

    private static List<String> paths(JsonNode decision) {
        return decision.get("fields")
                .valueStream()
                .map(f -> f.get("path").asString() + ":" + f.get("reason").asString())
                .toList();
    }

    private JsonNode send(String sdk) throws IOException, InterruptedException {
        assertThat(Files.isDirectory(SDK_DIR.resolve("node_modules")))
                .as("the SDKs are not installed: run `npm ci` in service/src/test/sdk (.ci/run does this first)")
                .isTrue();
        ProcessBuilder builder = new ProcessBuilder("node", "send.mjs", sdk).directory(SDK_DIR.toFile());
        builder.environment().putAll(Map.of("CONSENTINEL", api().base(), "KEY", key, "SUBJECT", subject));
        Process node;
        try {
            node = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("node (v20 or later) must be on the PATH to run the SDK tests", e);
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
        assertThat(node.exitValue())
                .as("node send.mjs %s exit status; output: %s", sdk, out)
                .isZero();
        return Api.JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    }
}
