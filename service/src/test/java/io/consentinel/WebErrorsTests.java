package io.consentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class WebErrorsTests extends IntegrationTest {

    @Test
    void unknownRoutesMethodsAndMediaTypesAreProblemDocuments() {
        assertProblem(api().get("/v1/no-such-route"), 404);
        assertProblem(api().delete("/v1/policy"), 405);
        assertProblem(api().send("POST", "/v1/api-keys", "text/csv", "role,app".getBytes()), 415);
        assertProblem(api().send("POST", "/v1/api-keys", "application/json", "{".getBytes()), 400);
    }

    private static void assertProblem(Reply reply, int status) {
        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
        assertThat(reply.json().has("type")).as(reply.body()).isTrue();
        assertThat(reply.json().get("type").asString()).isNotBlank();
        assertThat(reply.json().get("title").asString()).isNotBlank();
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("detail").asString()).isNotBlank();
    }
}
