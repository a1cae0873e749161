package io.consentinel.security;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The collector role: bound to no app, it records and reads vendor-wide consent, and does nothing else. */
class CollectorRoleTests extends IntegrationTest {

    @Test
    void aCollectorKeyIsIssuedWithoutAnAppAndListedAsCollector() {
        Reply created = api().post("/v1/api-keys", "{\"role\":\"collector\",\"name\":\"cmp backend\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("role").asString()).isEqualTo("collector");
        assertThat(created.json().get("appId").isNull()).isTrue();
        JsonNode listed = api().get("/v1/api-keys")
                .json()
                .get("keys")
                .valueStream()
                .filter(k ->
                        k.get("id").asString().equals(created.json().get("id").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(listed.get("role").asString()).isEqualTo("collector");
    }

    @Test
    void aCollectorKeyBoundToAnAppIsRefused() {
        Reply reply = api().post("/v1/api-keys", "{\"role\":\"collector\",\"appId\":\"mi-browser\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("pointer").asString()).isEqualTo("/appId");
    }

    @Test
    void aCollectorRecordsAndReadsConsentForAnySubjectAndReadsThePolicy() {
        Api collector = api().as(api().issueKey("collector", null));
        String subject = Api.unique("u");
        String consents = "/v1/subjects/" + subject + "/consents";

        assertThat(collector.post(consents, consent("DE", "granted")).status()).isEqualTo(201);
        assertThat(collector.get(consents).status()).isEqualTo(200);
        assertThat(collector.get(consents + "/history").status()).isEqualTo(200);
        assertThat(collector.get("/v1/policy").status()).isEqualTo(200);
    }

    @Test
    void aCollectorMayDoNothingButConsent() {
        Api collector = api().as(api().issueKey("collector", null));
        String appId = Api.unique("app");
        String subject = Api.unique("u");
        Map<String, Object> event = pageView(appId, subject);
        List<Reply> refused = List.of(
                collector.post("/v1/events", event),
                collector.post("/v1/events/batch", Map.of("events", List.of(event))),
                collector.post("/v1/policy/evaluate", Map.of("event", event)),
                collector.put("/v1/policy", "{}"),
                collector.get("/v1/policy/versions"),
                collector.get("/v1/audit/decisions"),
                collector.get("/v1/audit/integrity?zone=in"),
                collector.get("/v1/subjects/" + subject + "/report"),
                collector.delete("/v1/subjects/" + subject),
                collector.get("/v1/api-keys"),
                collector.post("/v1/api-keys", "{\"role\":\"admin\"}"),
                collector.post("/v1/admin/retention/purge", ""));

        for (Reply reply : refused) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }
}
