package io.consentinel.ingest;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OTLP/HTTP logs, driven by hand-made ExportLogsServiceRequest bodies in both encodings. */
class OtlpLogsTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    String appId;
    String key;

    @BeforeEach
    void app() {
        SdkPolicy.install(api());
        appId = Api.unique("otel");
        key = api().issueKey("app", appId);
    }

    @Test
    void eachLogRecordIsAnEventWithDottedAttributesClassifiedAndTheSubjectFromUserId() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("analytics", "granted")));
        String uid = UUID.randomUUID().toString();
        long nanos = Instant.now().minusSeconds(5).toEpochMilli() * 1_000_000L;
        String body = export(subject, """
                {"key":"log.record.uid","value":{"stringValue":"%s"}},
                {"key":"device.id","value":{"stringValue":"356938035643809"}},
                {"key":"client.address","value":{"stringValue":"203.0.113.7"}},
                {"key":"url.full","value":{"stringValue":"https://news.example/story?id=7"}},
                {"key":"song.title","value":{"stringValue":"Tum Hi Ho"}},
                {"key":"free.text","value":{"stringValue":"secret note"}}""".formatted(uid), nanos);

        HttpResponse<String> reply = post(body, "application/json");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(Api.JSON.readTree(reply.body())).isEqualTo(Api.JSON.readTree("{}"));
        String eventId = NameBasedIds.v5(uid).toString();
        JsonNode audit = api().get("/v1/audit/decisions/" + eventId).json();
        assertThat(audit.get("type").asString()).isEqualTo("sdk.log");
        assertThat(audit.get("subjectId").asString()).isEqualTo(subject);
        assertThat(audit.get("occurredAt").asString())
                .startsWith(
                        Instant.ofEpochSecond(nanos / 1_000_000_000L).toString().substring(0, 16));
        assertThat(audit.get("fields")
                        .valueStream()
                        .map(f ->
                                f.get("path").asString() + ":" + f.get("reason").asString()))
                .contains(
                        "device.id:MINIMISED",
                        "url.full:CONSENT_MISSING",
                        "song.title:CONSENT_MISSING",
                        "free.text:UNCLASSIFIED_FIELD");
        JsonNode stored = audit.get("storedAttributes");
        assertThat(stored.get("client.address").asString()).isEqualTo("203.0.113.7");
        assertThat(stored.get("url.full").asString()).isEqualTo("https://news.example");
        assertThat(stored.get("service.name").asString()).isEqualTo("player");
        assertThat(stored.toString()).doesNotContain("356938035643809", "Tum Hi Ho", "secret note");

        HttpResponse<String> again = post(body, "application/json");
        assertThat(again.body()).isEqualTo("{}");
        assertThat(api().get("/v1/audit/decisions?appId=" + appId).json().get("items"))
                .hasSize(1);
    }

    @Test
    void recordsNotStoredAreCountedInPartialSuccessWithoutTheirValues() throws Exception {
        String body = export(Api.unique("nobody"), """
                {"key":"device.id","value":{"stringValue":"356938035643809"}}""", 0)
                .replace(
                        "\"resource\":{\"attributes\":[",
                        "\"resource\":{\"attributes\":[{\"key\":\"x\",\"value\":{}},");
        String noSubject = body.replace("user.id", "device.serial");

        JsonNode rejected = Api.JSON.readTree(post(body, "application/json").body());
        JsonNode invalid = Api.JSON.readTree(post(noSubject, "application/json").body());

        assertThat(rejected.get("partialSuccess").get("rejectedLogRecords").asInt())
                .isEqualTo(1);
        assertThat(rejected.get("partialSuccess").get("errorMessage").asString())
                .contains("JURISDICTION_UNKNOWN")
                .doesNotContain("356938035643809");
        assertThat(invalid.get("partialSuccess").get("errorMessage").asString()).contains("INVALID");
    }

    @Test
    void theProtobufEncodingIsDecidedTooAndAnsweredInProtobuf() throws Exception {
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("analytics", "granted")));
        ExportLogsServiceRequest export = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(attribute("user.id", subject)))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .addLogRecords(LogRecord.newBuilder()
                                        .setEventName("song.played")
                                        .addAttributes(attribute("device.id", "356938035643809"))
                                        .addAttributes(attribute("client.address", "203.0.113.7")))
                                .addLogRecords(LogRecord.newBuilder().addAttributes(attribute("user.id", subject)))))
                .build();

        HttpResponse<byte[]> reply = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().base() + "/otlp/v1/logs"))
                        .header("Content-Type", "application/x-protobuf")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(export.toByteArray()))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-protobuf");
        ExportLogsServiceResponse answer = ExportLogsServiceResponse.parseFrom(reply.body());
        assertThat(answer.getPartialSuccess().getRejectedLogRecords()).isEqualTo(1); // the record without a name
        assertThat(answer.getPartialSuccess().getErrorMessage()).contains("INVALID=1");
        JsonNode items = api().get("/v1/audit/decisions?appId=" + appId).json().get("items");
        assertThat(items).hasSize(1);
        JsonNode stored = api().get(
                        "/v1/audit/decisions/" + items.get(0).get("eventId").asString())
                .json()
                .get("storedAttributes");
        assertThat(stored.get("device.id").asString()).startsWith("ps:");
        assertThat(stored.get("client.address").asString()).isEqualTo("203.0.113.7");
    }

    @Test
    void otherMediaTypesAre415AndGzipJsonIsRead() throws Exception {
        HttpResponse<String> text = post("resourceLogs", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        byte[] gzip = SegmentCompatTests.gzip("{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> zipped = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().base() + "/otlp/v1/logs"))
                        .header("Content-Type", "application/json")
                        .header("Content-Encoding", "gzip")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(gzip))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(zipped.statusCode()).isEqualTo(200);
        assertThat(post("{\"resourceLogs\": 7}", "application/json").statusCode())
                .isEqualTo(400);
        assertThat(post("not protobuf at all", "application/x-protobuf").statusCode())
                .isEqualTo(400);
    }

    private static KeyValue attribute(String name, String value) {
        return KeyValue.newBuilder()
                .setKey(name)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static String export(String subject, String recordAttributes, long nanos) {
        return """
                {"resourceLogs":[{"resource":{"attributes":[
                  {"key":"service.name","value":{"stringValue":"player"}},
                  {"key":"user.id","value":{"stringValue":"%s"}}]},
                 "scopeLogs":[{"scope":{"name":"t"},"logRecords":[{
                   "timeUnixNano":"%d","severityNumber":9,"eventName":"song.played",
                   "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174",
                   "attributes":[%s]}]}]}]}""".formatted(subject, nanos, recordAttributes);
    }

    private HttpResponse<String> post(String body, String contentType) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(api().base() + "/otlp/v1/logs"))
                        .header("Content-Type", contentType)
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
