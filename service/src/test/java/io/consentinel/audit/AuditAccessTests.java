package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Officers and admins read the audit; apps may not, and nobody may without a key. */
class AuditAccessTests extends AuditTest {

    private List<String> endpoints;

    @BeforeEach
    void oneDecision() {
        String app = unique("access");
        DecisionRecord decision = decisions().append("in", DecisionDraft.of(app, unique("subject")));
        endpoints = List.of(
                "/v1/audit/decisions?appId=" + app,
                "/v1/audit/decisions/" + decision.eventId(),
                "/v1/audit/summary?appId=" + app + "&groupBy=outcome",
                "/v1/audit/export?format=ndjson&appId=" + app,
                "/v1/audit/export?format=csv&appId=" + app,
                "/v1/audit/integrity?zone=control");
    }

    @Test
    void officersAndAdminsMayReadTheAudit() {
        String admin = api().issueKey("admin", null);
        for (String endpoint : endpoints) {
            assertThat(officer().get(endpoint).status()).as(endpoint).isEqualTo(200);
            assertThat(api().as(admin).get(endpoint).status()).as(endpoint).isEqualTo(200);
        }
    }

    @Test
    void anAppKeyIsForbidden() {
        String app = api().issueKey("app", unique("app"));
        for (String endpoint : endpoints) {
            Reply reply = api().as(app).get(endpoint);
            assertThat(reply.status()).as(endpoint).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void noKeyIsUnauthorized() {
        for (String endpoint : endpoints) {
            Reply reply = api().as(null).get(endpoint);
            assertThat(reply.status()).as(endpoint).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void theOpenApiDescriptionPublishesTheAuditEndpoints() {
        Reply docs = api().as(null).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains(
                        "/v1/audit/decisions",
                        "/v1/audit/decisions/{eventId}",
                        "/v1/audit/summary",
                        "/v1/audit/export",
                        "/v1/audit/integrity");
    }
}
