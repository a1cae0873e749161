package io.consentinel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ApiKeyControllerTests extends IntegrationTest {

    @Test
    void issuedKeyIsShownOnceAndListedWithoutItsSecret() {
        Reply created = api().post("/v1/api-keys", "{\"role\":\"app\",\"appId\":\"mi-browser\",\"name\":\"browser\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();
        assertThat(key).startsWith("csk_").hasSizeGreaterThan(40);

        Reply list = api().get("/v1/api-keys");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key);
        JsonNode listed = findById(list.json().get("keys"), id);
        assertThat(listed.get("role").asString()).isEqualTo("app");
        assertThat(listed.get("appId").asString()).isEqualTo("mi-browser");
        assertThat(listed.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void missingMalformedOrUnknownKeysAre401ProblemDetails() {
        for (Reply reply : new Reply[] {
            api().as(null).get("/v1/api-keys"),
            api().as("csk_not-a-key").get("/v1/api-keys"),
            api().as("").get("/v1/api-keys")
        }) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asString()).isNotBlank();
            assertThat(reply.json().get("title").asString()).isNotBlank();
            assertThat(reply.json().get("status").asInt()).isEqualTo(401);
            assertThat(reply.json().get("detail").asString()).isNotBlank();
            assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        }
    }

    @Test
    void appAndOfficerKeysMayNotManageKeys() {
        String app = api().issueKey("app", "mi-music");
        String officer = api().issueKey("officer", null);
        for (String key : new String[] {app, officer}) {
            assertThat(api().as(key).get("/v1/api-keys").status()).isEqualTo(403);
            Reply post = api().as(key).post("/v1/api-keys", "{\"role\":\"admin\"}");
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void issuedAdminKeyMayManageKeys() {
        String admin = api().issueKey("admin", null);
        assertThat(api().as(admin).get("/v1/api-keys").status()).isEqualTo(200);
    }

    @Test
    void revokedKeyFailsOnTheVeryNextRequest() {
        Reply created = api().post("/v1/api-keys", "{\"role\":\"admin\",\"name\":\"short-lived\"}");
        String key = created.json().get("key").asString();
        assertThat(api().as(key).get("/v1/api-keys").status()).isEqualTo(200);

        assertThat(api().delete("/v1/api-keys/" + created.json().get("id").asString())
                        .status())
                .isEqualTo(204);

        assertThat(api().as(key).get("/v1/api-keys").status()).isEqualTo(401);
    }

    @Test
    void revokingAnUnknownKeyIs404() {
        Reply reply = api().delete("/v1/api-keys/" + java.util.UUID.randomUUID());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void invalidKeyRequestListsEveryProblem() {
        Reply reply = api().post("/v1/api-keys", "{\"role\":\"app\",\"name\":\"" + "x".repeat(201) + "\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("pointer").asString()))
                .containsExactlyInAnyOrder("/appId", "/name");
        Reply badRole = api().post("/v1/api-keys", "{\"role\":\"root\"}");
        assertThat(badRole.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/role");
    }

    @Test
    void typedKeyRequestProblemsKeepTheValidationShapeWithPointers() {
        Reply reply = api().post("/v1/api-keys", "{\"role\":\"officer\",\"appId\":\" \",\"name\":\"\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("type").asString()).endsWith("/validation");
        assertThat(reply.json().get("detail").asString()).isEqualTo("3 problems in the request");
        assertThat(reply.json().get("errors").valueStream().map(JsonNode::toString))
                .containsExactly(
                        "{\"pointer\":\"/appId\",\"detail\":\"must be a non-empty string\"}",
                        "{\"pointer\":\"/appId\",\"detail\":\"only app keys are bound to an appId\"}",
                        "{\"pointer\":\"/name\",\"detail\":\"must be a non-empty string\"}");

        Reply missingRole = api().post("/v1/api-keys", "{}");
        assertThat(missingRole.json().get("errors").get(0).toString())
                .isEqualTo("{\"pointer\":\"/role\",\"detail\":\"is required\"}");
    }

    @Test
    void keyRequestOfTheWrongShapeIsAValidationProblemAtItsPointer() {
        Reply array = api().post("/v1/api-keys", "[]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("errors").get(0).toString())
                .isEqualTo("{\"pointer\":\"\",\"detail\":\"the body must be a JSON object\"}");

        Reply objectName = api().post("/v1/api-keys", "{\"role\":\"admin\",\"name\":{\"secret\":\"s-1\"}}");
        assertThat(objectName.status()).isEqualTo(400);
        assertThat(objectName.json().get("errors").get(0).get("pointer").asString())
                .isEqualTo("/name");
        assertThat(objectName.body()).doesNotContain("s-1");
    }

    private static JsonNode findById(JsonNode keys, String id) {
        return keys.valueStream()
                .filter(k -> k.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("key " + id + " not listed"));
    }
}
