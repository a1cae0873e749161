package io.consentinel.consent;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConsentLedgerTests extends IntegrationTest {

    Api app;
    String subject;

    @BeforeEach
    void app() {
        app = api().as(api().issueKey("app", Api.unique("app")));
        subject = Api.unique("u");
    }

    @Test
    void appendAnswers201WithTheCurrentStateAndHistoryKeepsEveryRecord() {
        Reply first = post(at(consent("IN", Map.of("analytics", "granted", "personalisation", "denied")), 3));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("subjectId").asString()).isEqualTo(subject);
        assertThat(first.json().get("jurisdiction").asString()).isEqualTo("IN");
        assertThat(first.json().get("purposes").get("analytics").get("status").asString())
                .isEqualTo("granted");
        assertThat(first.json().get("purposes").get("analytics").get("recordId").asString())
                .isNotBlank();

        post(at(consent("IN", Map.of("analytics", "denied")), 2));
        post(at(consent("IN", Map.of("analytics", "granted")), 1));

        JsonNode records =
                app.get("/v1/subjects/" + subject + "/consents/history").json().get("records");
        assertThat(records).hasSize(3);
        assertThat(records.valueStream()
                        .map(r -> r.get("purposes").get("analytics").asString()))
                .containsExactly("granted", "denied", "granted");
    }

    @Test
    void grantWithdrawGrantLeavesEachPurposeInItsLatestStateAndUnlistedPurposesUnchanged() {
        post(at(consent("IN", Map.of("analytics", "granted", "personalisation", "granted")), 3));
        post(at(consent("IN", Map.of("analytics", "denied")), 2));
        post(at(consent("IN", Map.of("analytics", "granted")), 1));

        JsonNode purposes =
                app.get("/v1/subjects/" + subject + "/consents").json().get("purposes");
        assertThat(purposes.get("analytics").get("status").asString()).isEqualTo("granted");
        assertThat(purposes.get("personalisation").get("status").asString()).isEqualTo("granted");
    }

    @Test
    void aRecordCapturedEarlierButAppendedLaterDoesNotOverrideNewerState() {
        post(at(consent("IN", Map.of("analytics", "denied")), 1));
        post(at(consent("IN", Map.of("analytics", "granted")), 5));

        JsonNode analytics = app.get("/v1/subjects/" + subject + "/consents")
                .json()
                .get("purposes")
                .get("analytics");
        assertThat(analytics.get("status").asString()).isEqualTo("denied");
    }

    @Test
    void expiryIsKeptWithThePurpose() {
        String expires = Instant.now()
                .plus(365, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        post(with(consent("IN", Map.of("analytics", "granted")), "expiresAt", expires));

        JsonNode analytics = app.get("/v1/subjects/" + subject + "/consents")
                .json()
                .get("purposes")
                .get("analytics");
        assertThat(Instant.parse(analytics.get("expiresAt").asString())).isEqualTo(Instant.parse(expires));
    }

    @Test
    void gpcDeniesThePolicysGpcPurposesEvenOverAnExplicitGrant() {
        JsonNode state = post(with(
                        consent("US", Map.of("advertising", "granted", "analytics", "granted")), "gpc", true))
                .json();
        assertThat(state.get("purposes").get("advertising").get("status").asString())
                .isEqualTo("denied");
        assertThat(state.get("purposes")
                        .get("third_party_sharing")
                        .get("status")
                        .asString())
                .isEqualTo("denied");
        assertThat(state.get("purposes").get("analytics").get("status").asString())
                .isEqualTo("granted");
    }

    @Test
    void childFlagIsRecorded() {
        assertThat(post(with(consent("IN", "granted"), "child", true))
                        .json()
                        .get("child")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void everyValidationProblemIsListedWithItsPointer() {
        Map<String, Object> body = Map.of(
                "jurisdiction", "india",
                "purposes", Map.of("analytics", "yes", "telepathy", "granted"),
                "capturedAt", Instant.now().plus(1, ChronoUnit.HOURS).toString(),
                "expiresAt", "tomorrow",
                "child", "no");
        Reply reply = post(body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString()))
                .containsExactlyInAnyOrder(
                        "/jurisdiction",
                        "/noticeVersion",
                        "/purposes/analytics",
                        "/purposes/telepathy",
                        "/capturedAt",
                        "/expiresAt",
                        "/child");
    }

    @Test
    void aRequestWithNothingToRecordIs400() {
        Reply reply = post(Map.of("jurisdiction", "IN", "noticeVersion", "n1"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("pointer").asString()).isEmpty();
    }

    @Test
    void unknownSubjectIs404() {
        assertThat(app.get("/v1/subjects/" + subject + "/consents").status()).isEqualTo(404);
        assertThat(app.get("/v1/subjects/" + subject + "/consents/history").status())
                .isEqualTo(404);
    }

    @Test
    void officersReadButDoNotRecordAndAnonymousCallersDoNeither() {
        post(consent("IN", "granted"));
        Api officer = api().as(api().issueKey("officer", null));
        assertThat(officer.get("/v1/subjects/" + subject + "/consents").status())
                .isEqualTo(200);
        assertThat(officer.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                        .status())
                .isEqualTo(403);
        assertThat(api().as(null).get("/v1/subjects/" + subject + "/consents").status())
                .isEqualTo(401);
        assertThat(api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theLedgerHasNoUpdateOrDeleteRoute() {
        post(consent("IN", "granted"));
        assertThat(app.put("/v1/subjects/" + subject + "/consents", consent("IN", "denied"))
                        .status())
                .isEqualTo(405);
        assertThat(app.delete("/v1/subjects/" + subject + "/consents").status()).isEqualTo(405);
    }

    private Reply post(Map<String, Object> body) {
        return app.post("/v1/subjects/" + subject + "/consents", body);
    }

    private static Map<String, Object> at(Map<String, Object> body, int hoursAgo) {
        return with(
                body,
                "capturedAt",
                Instant.now().minus(hoursAgo, ChronoUnit.HOURS).toString());
    }
}
