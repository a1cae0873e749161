package io.consentinel.openapi;

import io.consentinel.security.Allowed;
import io.consentinel.security.HandlerRoles;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills in what the handlers cannot say themselves. Typed bodies (records with Bean Validation) get their
 * schema from springdoc and an example here; bodies read as JSON trees (the benchmarked event path, and
 * the consent and policy bodies, so that every problem is reported with a pointer) get an example from
 * API.md.
 * Each operation also states the roles that may call it, read from its {@link Allowed} annotation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiExamples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, String> REQUEST_EXAMPLES = Map.of(
            "POST /v1/events", """
                    {"eventId": "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11", "appId": "mi-browser", "subjectId": "u-1",
                     "type": "browsing.page_view", "occurredAt": "2026-11-24T09:59:58Z", "jurisdiction": "IN",
                     "attributes": {"url": "https://news.example/story?id=7", "device": {"imei": "490154203237518"},
                                    "ip": "203.0.113.7", "durationMs": 5300}}""",
            "POST /v1/events/batch", """
                    {"events": [{"eventId": "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11", "appId": "mi-browser",
                      "subjectId": "u-1", "type": "browsing.page_view", "occurredAt": "2026-11-24T09:59:58Z",
                      "attributes": {"ip": "203.0.113.7", "durationMs": 5300}}]}""",
            "POST /v1/subjects/{subjectId}/consents", """
                    {"jurisdiction": "IN", "purposes": {"analytics": "granted", "personalisation": "denied"},
                     "noticeVersion": "notice-2026-09", "capturedAt": "2026-11-24T10:00:00Z",
                     "expiresAt": "2027-11-24T10:00:00Z", "source": "mi-browser/settings", "child": false, "gpc": true}""",
            "POST /v1/policy/evaluate", """
                    {"event": {"eventId": "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11", "appId": "mi-browser",
                     "subjectId": "u-1", "type": "browsing.page_view", "occurredAt": "2026-11-24T09:59:58Z",
                     "attributes": {"ip": "203.0.113.7"}}}""",
            "POST /v1/api-keys", """
                    {"role": "app", "appId": "mi-browser", "name": "browser"}""");

    /** A map, so the example is published as a JSON object rather than as a string of JSON. */
    private static Object asObject(String json) {
        return JSON.readValue(json, Map.class);
    }

    @Bean
    OperationCustomizer rolesInDescriptions() {
        return (operation, handler) -> {
            HandlerRoles.of(handler).ifPresent(allowed -> {
                String roles = allowed.stream()
                        .map(role -> role.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
                String described = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
                operation.setDescription(described + "Roles: " + roles + ".");
            });
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer requestExamples() {
        return openApi -> {
            declareEventSchemas(openApi);
            REQUEST_EXAMPLES.forEach((key, json) -> example(openApi, key, json));
        };
    }

    /** Adds the example of one operation's body; a tree-read body also gets its declared schema, if any. */
    private static void example(OpenAPI openApi, String key, String json) {
        String path = key.substring(key.indexOf(' ') + 1);
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation post = item == null ? null : item.getPost();
        if (post == null) {
            return;
        }
        MediaType typed = post.getRequestBody() == null || post.getRequestBody().getContent() == null
                ? null
                : post.getRequestBody().getContent().get("application/json");
        Example example = new Example().value(asObject(json));
        String ref = typed == null || typed.getSchema() == null
                ? null
                : typed.getSchema().get$ref();
        if (ref != null && !ref.endsWith("/JsonNode")) {
            // A typed body (a record with Bean Validation): keep its generated schema, add the example.
            typed.addExamples("example", example);
            return;
        }
        post.setRequestBody(new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType(
                                "application/json",
                                new MediaType().schema(TREE_SCHEMAS.get(key)).addExamples("example", example))));
    }

    /**
     * Events stay on the JSON tree path (docs/BENCHMARKS.md: no binding on the hot path), so their schema is
     * declared here, as API.md states it; EventRequests checks the same rules.
     */
    private static final Map<String, Schema<?>> TREE_SCHEMAS = Map.of(
            "POST /v1/events", new Schema<>().$ref("#/components/schemas/Event"),
            "POST /v1/events/batch", new Schema<>().$ref("#/components/schemas/EventBatch"));

    private static void declareEventSchemas(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSchemas(
                        "Event",
                        new ObjectSchema()
                                .description("One telemetry event; the decision and what is stored follow the policy.")
                                .required(List.of("eventId", "appId", "subjectId", "type", "occurredAt", "attributes"))
                                .addProperty(
                                        "eventId",
                                        new StringSchema().format("uuid").description("Idempotency key per appId"))
                                .addProperty("appId", new StringSchema().maxLength(200))
                                .addProperty("subjectId", new StringSchema().maxLength(200))
                                .addProperty(
                                        "type",
                                        new StringSchema().maxLength(200).example("browsing.page_view"))
                                .addProperty(
                                        "occurredAt",
                                        new StringSchema()
                                                .format("date-time")
                                                .description("RFC 3339 with an offset; at most 5 minutes ahead"))
                                .addProperty(
                                        "jurisdiction",
                                        new StringSchema()
                                                .pattern("^[A-Z]{2}$")
                                                .description("Used only when no consent record counts for this app"))
                                .addProperty(
                                        "attributes",
                                        new ObjectSchema()
                                                .additionalProperties(true)
                                                .description("The payload; keys may be nested or dotted")))
                .addSchemas(
                        "EventBatch",
                        new ObjectSchema()
                                .required(List.of("events"))
                                .addProperty(
                                        "events",
                                        new ArraySchema()
                                                .minItems(1)
                                                .maxItems(1000)
                                                .items(new Schema<>().$ref("#/components/schemas/Event"))));
    }
}
