package io.consentinel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Spring Security chain around the API: health details, HTTP Basic on /compat, statelessness. */
class ApiSecurityTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void healthShowsItsComponentsAndTheirDetailsOnlyToAnAdmin() {
        JsonNode anonymous = management().get("/actuator/health").json();
        JsonNode officer = management()
                .as(api().issueKey("officer", null))
                .get("/actuator/health")
                .json();
        JsonNode admin = management()
                .as(api().issueKey("admin", null))
                .get("/actuator/health")
                .json();

        assertThat(anonymous.has("components")).isFalse();
        assertThat(officer.has("components")).isFalse();
        assertThat(admin.get("components")
                        .get("db")
                        .get("details")
                        .get("database")
                        .asString())
                .isEqualTo("PostgreSQL");
    }

    @Test
    void aBadKeyOnHealthIs401NotSilentlyAnonymous() {
        assertThat(management().as("csk_not-a-key").get("/actuator/health").status())
                .isEqualTo(401);
    }

    @Test
    void compatPathsTakeTheKeyAsBasicUserNameWithAnEmptyPassword() throws Exception {
        String app = api().issueKey("app", "compat-app");
        // No /compat handler exists on this branch: a recognised key passes authentication and meets 404;
        // an unknown one, or a non-empty password, is stopped at 401 before any handler.
        assertThat(basic("/compat/segment/v1/none", app + ":").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = basic("/compat/segment/v1/none", "csk_unknown:");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(unknown.headers().allValues("WWW-Authenticate"))
                .anySatisfy(v -> assertThat(v).contains("Basic"));
        assertThat(basic("/compat/segment/v1/none", app + ":secret").statusCode())
                .isEqualTo(401);
    }

    @Test
    void basicIsNotAcceptedOnTheV1Api() throws Exception {
        String admin = api().issueKey("admin", null);
        HttpResponse<String> reply = basic("/v1/api-keys", admin + ":");
        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(reply.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    }

    @Test
    void theApiNeverSetsASessionCookie() {
        Reply reply = api().get("/v1/api-keys");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().allValues("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> basic(String path, String credentials) throws Exception {
        String encoded = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("Authorization", "Basic " + encoded)
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
