package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class PolicyControllerTests extends IntegrationTest {

    @Test
    void everyRoleReadsTheActivePolicyWithItsActivationTime() {
        Api app = api().as(api().issueKey("app", Api.unique("app")));
        JsonNode policy = app.get("/v1/policy").json();
        assertThat(policy.get("version").asString()).isNotBlank();
        assertThat(policy.get("activatedAt").asString()).endsWith("Z");
        assertThat(policy.get("eventTypes").has("browsing.page_view")).isTrue();
    }

    @Test
    void anInvalidDocumentListsEveryProblemWithAPointer() {
        String yaml = """
                version: "%s"
                purposes: [analytics]
                categories:
                  device.identifier: {purpose: telemetry, withoutConsent: pseudonymise}
                  network.ip: {purpose: analytics, withoutConsent: {op: truncate_ip, ipv4Prefix: 99}}
                  odd: {purpose: analytics, withoutConsent: scramble}
                eventTypes:
                  page_view: {purpose: analytics, fields: {ip: network.ip, imei: device.imei}}
                jurisdictions:
                  IN: {zones: []}
                tcf: {analytics: [1, 12]}
                """.formatted(Api.unique("bad"));

        Reply reply = api().send("PUT", "/v1/policy", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString()))
                .contains(
                        "/categories/device.identifier/purpose",
                        "/categories/network.ip/withoutConsent/ipv4Prefix",
                        "/categories/odd/withoutConsent",
                        "/eventTypes/page_view/fields/imei",
                        "/jurisdictions/IN/zones",
                        "/tcf/analytics/1");
    }

    @Test
    void aNewVersionIsActivatedAnAdminOnlyAndAReusedVersionIs409() {
        ObjectNode policy = current();
        String version = Api.unique("v");
        policy.put("version", version);
        Api officer = api().as(api().issueKey("officer", null));
        assertThat(officer.put("/v1/policy", policy).status()).isEqualTo(403);

        Reply created = api().put("/v1/policy", policy);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/v1/policy/versions/" + version);
        assertThat(api().get("/v1/policy").json().get("version").asString()).isEqualTo(version);

        Reply again = api().put("/v1/policy", policy);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        JsonNode versions = officer.get("/v1/policy/versions").json().get("versions");
        assertThat(versions.get(0).get("version").asString()).isEqualTo(version);
        assertThat(versions.get(0).get("active").asBoolean()).isTrue();
        assertThat(officer.get("/v1/policy/versions/" + version)
                        .json()
                        .get("version")
                        .asString())
                .isEqualTo(version);
        assertThat(officer.get("/v1/policy/versions/" + Api.unique("none")).status())
                .isEqualTo(404);
    }

    @Test
    void aSyntaxErrorIs400WithoutQuotingTheDocument() {
        Reply reply = api().send(
                        "PUT",
                        "/v1/policy",
                        "application/yaml",
                        "version: [unclosed\nsecret: 490154203237518".getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).doesNotContain("490154203237518");
    }

    @Test
    void evaluateDecidesUnderADraftAndStoresNothing() {
        ObjectNode draft = current();
        draft.put("version", Api.unique("draft"));
        ((ObjectNode) draft.get("jurisdictions")).remove("*");
        String appId = Api.unique("app");
        Map<String, Object> event = Telemetry.with(Telemetry.pageView(appId, Api.unique("u")), "jurisdiction", "BR");
        Api officer = api().as(api().issueKey("officer", null));

        JsonNode underDraft = officer.post("/v1/policy/evaluate", Map.of("event", event, "policy", draft))
                .json();
        JsonNode underActive =
                officer.post("/v1/policy/evaluate", Map.of("event", event)).json();

        assertThat(underDraft.get("outcome").asString()).isEqualTo("rejected");
        assertThat(underDraft.get("reasons").get(0).asString()).isEqualTo("JURISDICTION_UNSUPPORTED");
        assertThat(underDraft.get("policyVersion").asString())
                .isEqualTo(draft.get("version").asString());
        assertThat(underActive.get("reasons").get(0).asString()).isEqualTo("RESIDENCY_UNAVAILABLE");
        assertThat(api().get("/v1/audit/decisions/" + event.get("eventId")).status())
                .isEqualTo(404);
        assertThat(api().get("/v1/policy").json().get("version").asString())
                .isNotEqualTo(draft.get("version").asString());
    }

    @Test
    void evaluateReportsAnInvalidDraftUnderThePolicyPointer() {
        Api officer = api().as(api().issueKey("officer", null));
        Map<String, Object> event = Telemetry.pageView("a", "u");
        Reply reply = officer.post("/v1/policy/evaluate", Map.of("event", event, "policy", Map.of("version", "x")));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString()))
                .allMatch(pointer -> pointer.startsWith("/policy"));
        assertThat(api().as(api().issueKey("app", "a"))
                        .post("/v1/policy/evaluate", Map.of("event", event))
                        .status())
                .isEqualTo(403);
    }

    private ObjectNode current() {
        ObjectNode policy = (ObjectNode) api().get("/v1/policy").json();
        policy.remove("activatedAt");
        return policy;
    }
}
