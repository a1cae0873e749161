package io.consentinel;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operational surface: OpenAPI, health and metrics, all reachable without an API key. */
class OpenApiTests extends IntegrationTest {

    private Api anonymous() {
        return api().as(null);
    }

    @Test
    void apiDocsAreServedWithoutAKeyAndDescribeTheApi() {
        Reply reply = anonymous().get("/v3/api-docs");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode docs = reply.json();
        assertThat(docs.get("info").get("title").asString()).isEqualTo("Consentinel API");
        assertThat(docs.get("info").get("version").asString()).isNotBlank();
        assertThat(docs.get("info").get("description").asString()).contains("application/problem+json");
        assertThat(docs.get("paths").propertyNames())
                .contains("/v1/events", "/v1/events/batch", "/v1/subjects/{subjectId}/consents");
        JsonNode scheme = docs.get("components").get("securitySchemes").get("apiKey");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.get("security").get(0).has("apiKey")).isTrue();
        // The authenticated caller comes from the Authorization header; it is no request parameter.
        assertThat(reply.body()).doesNotContain("\"caller\"").doesNotContain("keyId");
    }

    @Test
    void operationsCarryTheirRolesAndTheMainBodiesAnExample() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");

        JsonNode postEvent = paths.get("/v1/events").get("post");
        assertThat(postEvent.get("description").asString()).contains("Roles: app.");
        assertThat(postEvent
                        .get("requestBody")
                        .get("content")
                        .get("application/json")
                        .get("examples")
                        .get("example")
                        .get("value")
                        .get("type")
                        .asString())
                .isEqualTo("browsing.page_view");
        assertThat(paths.get("/v1/audit/decisions")
                        .get("get")
                        .get("description")
                        .asString())
                .contains("Roles: officer, admin.");
        assertThat(paths.get("/v1/subjects/{subjectId}/consents")
                        .get("post")
                        .get("requestBody")
                        .toString())
                .contains("noticeVersion");
    }

    @Test
    void typedBodiesHaveARealRequestSchema() {
        JsonNode docs = anonymous().get("/v3/api-docs").json();
        JsonNode keyBody = docs.get("paths")
                .get("/v1/api-keys")
                .get("post")
                .get("requestBody")
                .get("content")
                .get("application/json");
        String ref = keyBody.get("schema").get("$ref").asString();
        JsonNode schema = docs.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrder("role", "appId", "name");
        assertThat(schema.get("required").get(0).asString()).isEqualTo("role");
        assertThat(keyBody.get("examples")
                        .get("example")
                        .get("value")
                        .get("role")
                        .asString())
                .isEqualTo("app");

        // Events stay on the tree path, with a declared schema.
        JsonNode eventBody = docs.get("paths")
                .get("/v1/events/batch")
                .get("post")
                .get("requestBody")
                .get("content")
                .get("application/json");
        assertThat(eventBody.get("schema").get("$ref").asString()).isEqualTo("#/components/schemas/EventBatch");
        JsonNode event = docs.get("components").get("schemas").get("Event");
        assertThat(event.get("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("eventId", "appId", "subjectId", "type", "occurredAt", "attributes");
        assertThat(event.get("properties").get("occurredAt").get("format").asString())
                .isEqualTo("date-time");
        // The answer is written by a hand-written serializer; its schema still comes from the record.
        assertThat(docs.get("components")
                        .get("schemas")
                        .get("EventResult")
                        .get("properties")
                        .propertyNames())
                .containsExactlyInAnyOrder(
                        "eventId", "outcome", "zone", "policyVersion", "reasons", "fields", "duplicate", "errors");
    }

    @Test
    void theCollectorRoleAndTheAppViewAreDescribed() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");
        JsonNode consents = paths.get("/v1/subjects/{subjectId}/consents");

        assertThat(consents.get("post").get("description").asString()).contains("Roles: app, collector, admin.");
        assertThat(consents.get("get").get("description").asString())
                .contains("Roles: app, collector, officer, admin.");
        assertThat(consents.get("get").get("parameters").toString()).contains("appId", "vendor-wide");
        assertThat(paths.get("/v1/events").get("post").get("description").asString())
                .doesNotContain("collector");
    }

    @Test
    void theTransparencyLogEndpointsAreDescribedWithExamples() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");
        for (String path : new String[] {
            "/v1/audit/log/checkpoint",
            "/v1/audit/log/key",
            "/v1/audit/log/proof/inclusion",
            "/v1/audit/log/proof/consistency",
            "/v1/audit/log/entries",
            "/v1/subjects/{subjectId}/consents/receipts/{recordId}"
        }) {
            JsonNode get = paths.get(path).get("get");
            assertThat(get.get("description").asString()).as(path).contains("Roles:");
            assertThat(get.get("responses").get("200").toString()).as(path).contains("example");
        }
    }

    @Test
    void swaggerUiIsServedWithoutAKey() {
        Reply redirect = anonymous().get("/swagger-ui.html");
        assertThat(redirect.status()).isIn(200, 302);
        Reply page = anonymous().get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
    }

    @Test
    void theApiItselfStillNeedsAKey() {
        assertThat(anonymous().post("/v1/events", pageView("app", "u")).status())
                .isEqualTo(401);
    }

    @Test
    void prometheusExposesDecisionLatencyAfterAnEvent() {
        String appId = Api.unique("app");
        Api app = api().as(api().issueKey("app", appId));
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        assertThat(app.post("/v1/events", pageView(appId, subject)).status()).isEqualTo(200);

        Reply reply = management().get("/actuator/prometheus");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("consentinel_decision_latency");
    }
}
