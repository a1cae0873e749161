package io.consentinel.console;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium): sign-in, every main page, erasure rights, sign-out,
 * CSRF and the XSS probes. With {@code -Dconsentinel.screenshots=../docs/img} it also saves the
 * screenshots that docs/CONSOLE.md shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests extends IntegrationTest {

    static final String IMG_PROBE = "<img src=x onerror=alert(1)>";
    static final String JS_PROBE = "javascript:alert(1)";

    private ChromeDriver browser;
    private String officer;
    private String admin;
    private String appId;
    private String appKey;
    private String otherAppKey;
    private String otherAppId;
    private String hostileSubject;
    private String hostileEventId;

    @BeforeAll
    void startBrowserAndRecordDecisions() throws IOException {
        browser = Chromium.start();
        officer = api().issueKey("officer", null);
        admin = api().issueKey("admin", null);
        appId = Api.unique("console");
        appKey = api().issueKey("app", appId);
        otherAppId = Api.unique("console-other");
        otherAppKey = api().issueKey("app", otherAppId);
        Api app = api().as(appKey);
        for (int i = 0; i < 5; i++) {
            String subject = Api.unique("in-subject");
            // Odd subjects deny personalisation only: their events are stored with the URL cut to its origin.
            app.post(
                    "/v1/subjects/" + subject + "/consents",
                    i % 2 == 0
                            ? consent("IN", "granted")
                            : consent("IN", Map.of("analytics", "granted", "personalisation", "denied")));
            post(
                    app,
                    event(
                            subject,
                            Map.of(
                                    "url",
                                    "https://news.example/story?id=" + i,
                                    "ip",
                                    "203.0.113.7",
                                    "durationMs",
                                    100 * i,
                                    "device",
                                    Map.of("imei", "490154203237518"))));
        }
        hostileSubject = IMG_PROBE + " " + UUID.randomUUID();
        app.post("/v1/subjects/" + encode(hostileSubject) + "/consents", consent("IN", "granted"));
        Map<String, Object> hostile =
                event(hostileSubject, Map.of("url", JS_PROBE, "device", Map.of("model", IMG_PROBE), "durationMs", 1));
        hostileEventId = (String) hostile.get("eventId");
        post(app, hostile);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/signin");
        browser.manage().deleteAllCookies();
    }

    @Test
    void anOfficerSignsInAndSeesTheOverviewWithData() throws IOException {
        signIn(officer);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
        assertThat(browser.findElements(By.cssSelector("canvas.outcomes"))).isNotEmpty();
        // Chart.js drew into the canvas: the page's own script ran under the Content-Security-Policy.
        Object drawn = browser.executeScript("return window.Chart && Object.keys(window.Chart.instances).length");
        assertThat(((Number) drawn).intValue()).isPositive();
        WebElement matrix = browser.findElement(By.cssSelector("table.matrix"));
        List<String> zones = matrix.findElements(By.cssSelector("thead th")).stream()
                .map(WebElement::getText)
                .toList();
        WebElement in = matrix.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("th")).getText().equals("IN"))
                .findFirst()
                .orElseThrow();
        List<WebElement> cells = in.findElements(By.tagName("td"));
        assertThat(Long.parseLong(cells.get(zones.indexOf("in") - 1).getText())).isGreaterThanOrEqualTo(6);
        // Other test classes share these stores, so the matrix is compared with the API's own count.
        for (String zone : List.of("in", "eu")) {
            long expected = api().get("/v1/audit/summary?jurisdiction=IN&zone=" + zone)
                    .json()
                    .get("total")
                    .asLong();
            assertThat(Long.parseLong(cells.get(zones.indexOf(zone) - 1).getText()))
                    .as(zone)
                    .isEqualTo(expected);
        }
        browser.manage().window().setSize(new Dimension(1280, 1700));
        open("/");
        screenshot("overview.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/");
        screenshot("overview-phone.png");
    }

    @Test
    void appKeysCannotSignIn() {
        typeKey(appKey);

        assertThat(browser.getCurrentUrl()).contains("/signin?error=role");
        assertThat(browser.findElement(By.cssSelector("p.error")).getText())
                .contains("App and collector keys cannot sign in");
        open("/decisions");
        assertThat(browser.getCurrentUrl()).contains("/signin");
    }

    @Test
    void anUnknownKeyIsRefusedWithASentence() {
        typeKey("csk_not-a-real-key");

        assertThat(browser.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("That key is unknown or revoked. Check it and try again.");
    }

    @Test
    void decisionsAreFilteredAndPagedWithACursor() throws IOException {
        signIn(officer);
        open("/decisions");
        browser.findElement(By.id("f-appId")).sendKeys(appId);
        browser.findElement(By.id("f-limit")).sendKeys("4");
        navigate(browser.findElement(By.cssSelector("form.filters button[type=submit]")));

        List<String> first = eventLinks();
        assertThat(first).hasSize(4);
        screenshot("decisions.png");
        navigate(browser.findElement(By.linkText("Next page")));
        List<String> second = eventLinks();
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
        assertThat(browser.findElements(By.linkText("Next page"))).isEmpty();
        assertThat(browser.findElement(By.id("f-appId")).getAttribute("value")).isEqualTo(appId);

        // The export of the same filter, fetched as the page's NDJSON link would download it.
        String export = browser.findElement(By.linkText("NDJSON")).getAttribute("href");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String ndjson = (String) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
                export);
        assertThat(ndjson.lines().toList())
                .hasSize(6)
                .allSatisfy(line -> assertThat(line).contains(appId));
    }

    @Test
    void integrityShowsEveryStoresChainAndKeepsAPlaceForCheckpoints() throws IOException {
        signIn(officer);
        open("/integrity");

        List<String> stores = browser.findElements(By.cssSelector("tbody th")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(stores).contains("control", "in", "eu");
        assertThat(browser.findElement(By.id("checkpoints-h")).getText()).isEqualTo("Signed checkpoints");
        screenshot("integrity.png");
    }

    @Test
    void aFilterProblemIsASentenceNotAStackTrace() {
        signIn(officer);
        open("/decisions?from=yesterday");

        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("From: must be an RFC 3339 date-time")
                .doesNotContain("Exception");
    }

    @Test
    void aDecisionShowsItsFieldsReasonsConsentAndStoredAttributes() throws IOException {
        signIn(officer);
        open("/decisions?appId=" + appId + "&outcome=anonymised&action=url_domain");
        navigate(browser.findElements(By.linkText("Open")).getFirst());

        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page)
                .contains(
                        "Fields not kept as sent",
                        "url",
                        "behaviour.browsing",
                        "url_domain",
                        "Consent records that counted",
                        "Policy version",
                        "Stored attributes",
                        "https://news.example");
        assertThat(page).doesNotContain("story?id=");
        screenshot("decision.png");
    }

    @Test
    void aDryRunShowsTheDecisionAndStoresNothing() throws IOException {
        signIn(officer);
        open("/policy/dry-run");
        navigate(browser.findElement(By.cssSelector("main form button[type=submit]")));

        assertThat(browser.findElements(By.id("result-h")))
                .as(browser.findElement(By.tagName("main")).getText())
                .hasSize(1);
        assertThat(browser.findElement(By.id("result-h")).getText()).startsWith("Decision: ");
        assertThat(browser.findElement(By.cssSelector("section.result")).getText())
                .contains("Zone", "Policy version", "Reasons");
        screenshot("dry-run.png");
        open("/policy");
        screenshot("policy.png");
        String version =
                browser.findElement(By.cssSelector("main table tbody a")).getText();
        open("/policy/diff?from=" + version + "&to=" + version);
        assertThat(browser.findElements(By.cssSelector("pre.diff .same"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("pre.diff .added, pre.diff .removed")))
                .isEmpty();
    }

    @Test
    void anAdminErasesASubjectAfterTypingItsIdAgain() throws IOException {
        String subject = Api.unique("erase-me");
        Api app = api().as(otherAppKey);
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        post(app, event(otherAppId, subject, Map.of("durationMs", 5)));
        signIn(admin);
        open("/subjects");
        browser.findElement(By.id("subjectId")).sendKeys(subject);
        navigate(browser.findElement(By.cssSelector("form[role=search] button")));
        screenshot("subject.png");

        browser.findElement(By.id("confirmation")).sendKeys("not-the-subject");
        navigate(browser.findElement(By.cssSelector(".danger button")));
        assertThat(browser.findElement(By.cssSelector(".danger .error")).getText())
                .startsWith("Nothing was erased");
        assertThat(api().get("/v1/subjects/" + subject + "/report").json().get("events"))
                .hasSize(1);

        browser.findElement(By.id("confirmation")).sendKeys(subject);
        navigate(browser.findElement(By.cssSelector(".danger button")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Subject erased");
        // Nothing is left under the raw id: the report no longer knows it.
        assertThat(api().get("/v1/subjects/" + subject + "/report").status()).isEqualTo(404);
    }

    @Test
    void anOfficerCannotEraseEvenWithAForgedForm() {
        String subject = Api.unique("keep-me");
        Api app = api().as(otherAppKey);
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        post(app, event(otherAppId, subject, Map.of("durationMs", 5)));
        signIn(officer);
        open("/subjects?subjectId=" + subject);
        assertThat(browser.findElements(By.cssSelector(".danger"))).isEmpty();

        // The officer's own session and CSRF token, sent to the admin-only erasure.
        submitForgedForm("/subjects/erase", Map.of("subjectId", subject, "confirmation", subject), true);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("role may not do this");
        assertThat(api().get("/v1/subjects/" + subject + "/report").json().get("events"))
                .hasSize(1);
    }

    @Test
    void aFormWithoutTheCsrfTokenChangesNothing() {
        signIn(admin);
        int before = api().get("/v1/api-keys").json().get("keys").size();

        submitForgedForm("/keys", Map.of("role", "admin", "name", "forged"), false);

        assertThat(browser.findElement(By.tagName("main")).getText()).contains("did not come from this console");
        assertThat(api().get("/v1/api-keys").json().get("keys").size()).isEqualTo(before);
    }

    @Test
    void anAdminCreatesAKeySeenOnceAndRevokesIt() throws IOException {
        signIn(admin);
        open("/keys");
        String name = Api.unique("console-key");
        browser.findElement(By.id("k-role")).sendKeys("officer");
        browser.findElement(By.id("k-name")).sendKeys(name);
        navigate(browser.findElement(By.cssSelector("form.inline button")));

        String key = browser.findElement(By.id("new-key")).getAttribute("value");
        assertThat(key).startsWith("csk_");
        assertThat(api().as(key).get("/v1/audit/decisions?limit=1").status()).isEqualTo(200);
        screenshot("keys.png");
        open("/keys");
        assertThat(browser.getPageSource()).doesNotContain(key);
        navigate(browser.findElement(By.cssSelector("button[aria-label='Revoke key " + name + "']")));
        assertThat(api().as(key).get("/v1/audit/decisions?limit=1").status()).isEqualTo(401);
    }

    @Test
    void officersSeeNoKeysPage() {
        signIn(officer);
        assertThat(browser.findElements(By.linkText("Keys"))).isEmpty();
        open("/keys");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
    }

    @Test
    void revokingTheSignedInKeyEndsTheSessionAtOnce() {
        String key = api().issueKey("officer", null);
        signIn(key);
        String id = api().get("/v1/api-keys")
                .json()
                .get("keys")
                .valueStream()
                .filter(k -> key.startsWith(k.get("prefix").asString())
                        && k.get("revokedAt").isNull())
                .reduce((a, b) -> b)
                .orElseThrow()
                .get("id")
                .asString();
        api().delete("/v1/api-keys/" + id);

        open("/decisions");
        assertThat(browser.getCurrentUrl()).contains("/signin");
    }

    @Test
    void signingOutEndsTheSession() {
        signIn(officer);
        navigate(browser.findElement(By.cssSelector("form.signout button")));

        assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("You are signed out.");
        open("/decisions");
        assertThat(browser.getCurrentUrl()).contains("/signin");
    }

    @Test
    void hostileValuesStayTextOnEveryPage() throws IOException {
        signIn(officer);
        for (String path : List.of(
                "/decisions?appId=" + appId,
                "/decisions/" + hostileEventId + "?appId=" + appId,
                "/subjects?subjectId=" + encode(hostileSubject))) {
            open(path);
            String text = browser.findElement(By.tagName("main")).getText();
            assertThat(text).as(path).contains(IMG_PROBE);
            assertThat(browser.findElements(By.cssSelector("main img")))
                    .as(path)
                    .isEmpty();
            assertThat(browser.findElements(By.cssSelector("a[href^='javascript']")))
                    .as(path)
                    .isEmpty();
            assertThatThrownBy(() -> browser.switchTo().alert()).as(path).isInstanceOf(NoAlertPresentException.class);
        }
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(JS_PROBE);
    }

    private void signIn(String key) {
        typeKey(key);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
    }

    private void typeKey(String key) {
        open("/signin");
        browser.findElement(By.id("key")).sendKeys(key);
        navigate(browser.findElement(By.cssSelector("main form button[type=submit]")));
    }

    /** Clicks something that loads a page, and waits until the old page is gone. */
    private void navigate(WebElement target) {
        WebElement page = browser.findElement(By.tagName("html"));
        target.click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private void open(String path) {
        browser.get(api().base() + path);
    }

    private List<String> eventLinks() {
        return browser.findElements(By.linkText("Open")).stream()
                .map(a -> a.getAttribute("href"))
                .toList();
    }

    /** A form built in the page (as another site's page would), with or without this session's CSRF token. */
    private void submitForgedForm(String action, Map<String, String> fields, boolean withToken) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const fields = arguments[1];
                if (arguments[2]) {
                  const token = document.querySelector('form.signout input[name=_csrf]');
                  fields['_csrf'] = token.value;
                }
                for (const name of Object.keys(fields)) {
                  const input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = name;
                  input.value = fields[name];
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
                """, action, new LinkedHashMap<>(fields), withToken);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private void screenshot(String name) throws IOException {
        String directory = System.getProperty("consentinel.screenshots");
        if (directory == null) {
            return;
        }
        Path target = Path.of(directory, name);
        Files.createDirectories(target.getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }

    private Map<String, Object> event(String subject, Map<String, Object> attributes) {
        return event(appId, subject, attributes);
    }

    private static Map<String, Object> event(String appId, String subject, Map<String, Object> attributes) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("appId", appId);
        event.put("subjectId", subject);
        event.put("type", "browsing.page_view");
        event.put(
                "occurredAt",
                Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("attributes", attributes);
        return event;
    }

    private static void post(Api app, Map<String, Object> event) {
        Api.Reply reply = app.post("/v1/events", event);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
