package io.consentinel.consent;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * How the parts of consent records combine: a child flag over later records, explicit purposes beside a TC
 * string, and GPC beside both. Every record is made with one app's key, so the scope rules do not enter.
 */
class ConsentSourcesTests extends IntegrationTest {

    private String appId;
    private Api app;

    @BeforeEach
    void oneApp() {
        appId = Api.unique("app");
        app = api().as(api().issueKey("app", appId));
    }

    @Test
    void theChildFlagIsKeptWhenALaterRecordOmitsIt() {
        String subject = Api.unique("u");
        assertThat(app.post(
                                "/v1/subjects/" + subject + "/consents",
                                with(consent("IN", Map.of("personalisation", "granted")), "child", true))
                        .status())
                .isEqualTo(201);

        Reply later = app.post("/v1/subjects/" + subject + "/consents", consent("IN", Map.of("analytics", "granted")));

        assertThat(later.status()).isEqualTo(201);
        assertThat(later.json().get("child").asBoolean()).isTrue();
        assertThat(app.get("/v1/subjects/" + subject + "/consents")
                        .json()
                        .get("child")
                        .asBoolean())
                .isTrue();
        // India forbids analytics for children whatever the consent says: the omitted flag did not clear it.
        Reply decided = app.post("/v1/events", pageView(appId, subject));
        assertThat(decided.json().get("outcome").asString()).isEqualTo("rejected");
        assertThat(decided.json().get("reasons").toString()).contains("CHILD_PROTECTED");
    }

    @Test
    void aLaterRecordThatSaysChildFalseClearsTheFlag() {
        String subject = Api.unique("u");
        app.post(
                "/v1/subjects/" + subject + "/consents",
                with(consent("IN", Map.of("analytics", "granted")), "child", true));

        Reply later = app.post(
                "/v1/subjects/" + subject + "/consents",
                with(consent("IN", Map.of("analytics", "granted")), "child", false));

        assertThat(later.json().get("child").asBoolean()).isFalse();
        Reply decided = app.post("/v1/events", pageView(appId, subject));
        assertThat(decided.json().get("outcome").asString()).isNotEqualTo("rejected");
        assertThat(decided.json().get("reasons").toString()).doesNotContain("CHILD_PROTECTED");
    }

    @Test
    void explicitPurposesBesideATcStringDecideTheirOwnPurposesOnly() {
        // TCF purposes 1, 3, 4, 5, 6 grant advertising and personalisation; analytics (1, 9, 10) is denied.
        String tcString = TcStringConsentTests.v22(1, 3, 4, 5, 6);
        Map<String, Object> body = with(
                with(Map.of("jurisdiction", "DE", "noticeVersion", "n1"), "tcString", tcString),
                "purposes",
                Map.of("analytics", "granted", "advertising", "denied"));

        JsonNode purposes = record(body).get("purposes");

        assertThat(status(purposes, "analytics"))
                .as("explicit over the string's denial")
                .isEqualTo("granted");
        assertThat(status(purposes, "advertising"))
                .as("explicit over the string's grant")
                .isEqualTo("denied");
        assertThat(status(purposes, "personalisation")).as("from the string").isEqualTo("granted");
    }

    @Test
    void gpcBesideATcStringDeniesWhatThePolicyListsWhateverTheStringGrants() {
        // TCF purposes 1, 3, 4, 9, 10 grant advertising and analytics; GPC denies advertising (gpcDenies).
        String tcString = TcStringConsentTests.v22(1, 3, 4, 9, 10);
        Map<String, Object> body =
                with(with(Map.of("jurisdiction", "DE", "noticeVersion", "n1"), "tcString", tcString), "gpc", true);

        JsonNode purposes = record(body).get("purposes");

        assertThat(status(purposes, "advertising")).isEqualTo("denied");
        assertThat(status(purposes, "analytics")).isEqualTo("granted");
    }

    @Test
    void gpcOutranksAnExplicitGrantInTheSameRecord() {
        Map<String, Object> body = with(
                with(
                        Map.of("jurisdiction", "DE", "noticeVersion", "n1"),
                        "purposes",
                        Map.of("advertising", "granted", "analytics", "granted")),
                "gpc",
                true);

        JsonNode purposes = record(body).get("purposes");

        assertThat(status(purposes, "advertising")).isEqualTo("denied");
        assertThat(status(purposes, "analytics")).isEqualTo("granted");
    }

    private JsonNode record(Map<String, Object> body) {
        Reply reply = app.post("/v1/subjects/" + Api.unique("u") + "/consents", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static String status(JsonNode purposes, String purpose) {
        return purposes.get(purpose).get("status").asString();
    }
}
