package io.consentinel;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import io.consentinel.support.TestStores;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Nothing personal reaches the logs: raw identifiers sent in consent records, valid events and every kind
 * of broken request must not appear in anything the service prints, whatever the outcome. Our own code
 * runs at TRACE here, so a careless debug line fails the test too.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyTests extends IntegrationTest {

    private static final String EMAIL = "alice@example.com";

    @Autowired
    LoggingSystem logging;

    String appId;
    String appKey;
    Api app;
    String subject;

    @BeforeEach
    void setUp() {
        logging.setLogLevel("io.consentinel", LogLevel.TRACE);
        appId = Api.unique("app");
        appKey = api().issueKey("app", appId);
        app = api().as(appKey);
        // A subject id is personal data as well: a distinctive one, so any echo is found.
        subject = "subj-" + UUID.randomUUID() + "-bob";
    }

    @AfterEach
    void restore() {
        logging.setLogLevel("io.consentinel", null);
    }

    @Test
    void rawIdentifiersNeverReachTheLogs(CapturedOutput output) {
        String consents = "/v1/subjects/" + subject + "/consents";

        // Consent: valid, invalid values, wrong types, malformed.
        assertThat(app.post(consents, consent("IN", "granted")).status()).isEqualTo(201);
        app.post(consents, with(consent("IN", "granted"), "noticeVersion", Telemetry.IMEI));
        app.post(consents, with(consent("IN", "granted"), "jurisdiction", Telemetry.IP));
        app.post(consents, consent("IN", Map.of("analytics", Telemetry.IMEI)));
        app.post(consents, with(consent("IN", "granted"), "capturedAt", Telemetry.URL));
        raw("POST", consents, "{\"jurisdiction\": " + Telemetry.IMEI + "abc}");
        raw("POST", consents, "{\"purposes\": {\"" + EMAIL + "\": \"granted\"}, \"x\": \"" + Telemetry.IP + "\"");
        app.get(consents);
        app.get(consents + "/history");

        // Valid events: accepted, anonymised (another subject without consent), batch, evaluate.
        assertThat(app.post("/v1/events", pageView(appId, subject)).status()).isEqualTo(200);
        String other = "subj-" + UUID.randomUUID() + "-carol";
        app.post("/v1/subjects/" + other + "/consents", consent("DE", Map.of("analytics", "denied")));
        assertThat(app.post("/v1/events", pageView(appId, other)).status()).isEqualTo(200);
        app.post(
                "/v1/events/batch",
                Map.of(
                        "events",
                        List.of(
                                pageView(appId, subject),
                                with(pageView(appId, subject), "occurredAt", Telemetry.IMEI),
                                with(pageView(appId, subject), "type", Telemetry.URL))));
        api().post("/v1/policy/evaluate", Map.of("event", pageView(appId, subject)));
        api().post(
                        "/v1/policy/evaluate",
                        Map.of("event", with(pageView(appId, subject), "attributes", Telemetry.IMEI)));

        // Invalid events: wrong types, unknown type, wrong app, hostile bodies.
        app.post("/v1/events", with(pageView(appId, subject), "type", Telemetry.IMEI));
        app.post("/v1/events", with(pageView(appId, subject), "occurredAt", Telemetry.IP));
        app.post("/v1/events", with(pageView(appId, subject), "eventId", Telemetry.URL));
        app.post("/v1/events", with(pageView(appId, subject), "attributes", List.of(Telemetry.IMEI, Telemetry.IP)));
        app.post("/v1/events", with(pageView(appId, subject), "appId", "other-" + Telemetry.IMEI));
        app.post("/v1/events", with(pageView(appId, subject), "jurisdiction", Telemetry.IP));
        app.post("/v1/events", with(pageView(appId, subject), "subjectId", Map.of("email", EMAIL)));
        raw("POST", "/v1/events", "{\"x\": " + Telemetry.IMEI + "abc}");
        raw(
                "POST",
                "/v1/events",
                "{\"attributes\": {\"ip\": \"" + Telemetry.IP + "\", \"url\": \"" + Telemetry.URL + "\"");
        raw("POST", "/v1/events", "{\"subjectId\": \"" + subject + "\", \"subjectId\": \"" + subject + "\"}");
        raw("POST", "/v1/events", "[\"" + Telemetry.IMEI + "\"]");
        raw("POST", "/v1/events", "{\"eventId\": \"" + Telemetry.IMEI + "\"} trailing " + Telemetry.IP);
        raw("POST", "/v1/events", "{\"deep\": " + "[".repeat(40) + "\"" + Telemetry.IMEI + "\"" + "]".repeat(40) + "}");
        app.send(
                "POST",
                "/v1/events",
                "text/plain",
                ("imei=" + Telemetry.IMEI + "&ip=" + Telemetry.IP).getBytes(StandardCharsets.UTF_8));
        raw("POST", "/v1/events/batch", "{\"events\": [{\"x\": " + Telemetry.IMEI + "abc}]}");
        raw("POST", "/v1/events/batch", "{\"events\": \"" + Telemetry.IP + "\"}");

        // Wrong paths, methods and keys carrying identifiers.
        app.get("/v1/events/" + Telemetry.IMEI);
        app.get("/v1/no-such/" + Telemetry.IP + "/" + subject);
        app.delete(consents);
        api().as("key-" + Telemetry.IMEI).post(consents, consent("IN", "granted"));

        // The capture really sees the application's log output (Logback's console appender).
        LoggerFactory.getLogger(LogPrivacyTests.class).warn("log-capture-marker");
        String logs = output.getAll();
        assertThat(logs).contains("log-capture-marker");
        assertThat(logs)
                .doesNotContain(Telemetry.IMEI)
                .doesNotContain(Telemetry.IP)
                .doesNotContain(EMAIL)
                .doesNotContain("news.example/story")
                .doesNotContain(subject)
                .doesNotContain(other)
                .doesNotContain(appKey)
                .doesNotContain(TestStores.ADMIN_KEY)
                .doesNotContain(TestStores.PSEUDONYMISATION_KEY)
                .doesNotContain(TestStores.LOG_SIGNING_KEY);
    }

    private void raw(String method, String path, String body) {
        app.send(method, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }
}
