package io.consentinel.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console's session and headers, as they go over the wire. */
class ConsoleSessionTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    JdbcTemplate control;

    @Test
    void pagesCarryAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/signin", null);

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy)
                .contains(
                        "default-src 'none'",
                        "script-src 'self'",
                        "style-src 'self'",
                        "frame-ancestors 'none'",
                        "form-action 'self'");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContainPattern("<script(?![^>]*\\ssrc=)");
    }

    @Test
    void signingInStoresAnHttpOnlySameSiteStrictSessionInTheControlStore() throws Exception {
        Reply issued = api().post("/v1/api-keys", "{\"role\":\"officer\",\"name\":\"session-test\"}");
        String key = issued.json().get("key").asString();
        String keyId = issued.json().get("id").asString();

        HttpResponse<String> form = get("/signin", null);
        String cookie = sessionCookie(form.headers().allValues("Set-Cookie"));
        HttpResponse<String> signedIn = post("/signin", cookie, "key=" + encode(key) + "&_csrf=" + csrf(form.body()));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CONSENTINEL_SESSION="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        // A new session id at sign-in (no fixation), kept in the control store with the idle timeout.
        assertThat(setCookie).doesNotStartWith(cookie);
        Integer idleSeconds = control.queryForObject(
                "select max_inactive_interval from spring_session where principal_name = ?", Integer.class, keyId);
        assertThat(idleSeconds).isEqualTo(30 * 60);
        byte[] attributes = control.queryForObject(
                "select string_agg(attribute_bytes, ''::bytea) from spring_session_attributes a join spring_session s"
                        + " on a.session_primary_id = s.primary_id where s.principal_name = ?",
                byte[].class,
                keyId);
        assertThat(new String(attributes, StandardCharsets.ISO_8859_1))
                .as("the key itself is never in the session")
                .doesNotContain(key);

        HttpResponse<String> overview = get("/", setCookie.substring(0, setCookie.indexOf(';')));
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Overview</h1>");
    }

    @Test
    void aSignInWithoutTheCsrfTokenIsRefused() throws Exception {
        String key = api().issueKey("officer", null);
        HttpResponse<String> form = get("/signin", null);

        HttpResponse<String> reply =
                post("/signin", sessionCookie(form.headers().allValues("Set-Cookie")), "key=" + encode(key));

        assertThat(reply.statusCode()).isEqualTo(403);
    }

    @Test
    void anonymousPagesRedirectToSignIn() throws Exception {
        HttpResponse<String> reply = get("/decisions", null);

        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/signin"));
    }

    @Test
    void assetsComeFromTheJar() throws Exception {
        assertThat(get("/webjars/chart.js/dist/chart.umd.min.js", null).statusCode())
                .isEqualTo(200);
        assertThat(get("/console-assets/console.js", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(api().base() + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api().base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(List<String> setCookies) {
        String cookie = setCookies.stream()
                .filter(c -> c.startsWith("CONSENTINEL_SESSION="))
                .findFirst()
                .orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("the sign-in form carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
