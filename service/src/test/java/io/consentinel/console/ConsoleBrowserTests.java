package io.consentinel.console;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.OwnDeployment;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

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
    void integrityShowsEachLogsSignedCheckpointAndThatItExtendsThePinnedOne() throws IOException {
        signIn(officer);
        open("/integrity");
        // This visit pinned every log not pinned yet; after the log of zone "in" grows, the next visit checks it.
        String grower = Api.unique("grower");
        Map<String, Object> grown = event(grower, Api.unique("grown"), Map.of("durationMs", 1));
        grown.put("jurisdiction", "IN");
        post(api().as(api().issueKey("app", grower)), grown);
        open("/integrity");

        Map<String, WebElement> rows = logRows();
        assertThat(rows.keySet()).contains("control", "consent", "in", "eu");
        rows.forEach((log, row) -> {
            assertThat(row.findElement(By.cssSelector(".verdict")).getText())
                    .as(log)
                    .isEqualTo("consistent");
            assertThat(row.findElement(By.cssSelector(".signing")).getText())
                    .as(log)
                    .isEqualTo("signing");
        });
        Api auditor = api().as(officer);
        String note = auditor.get("/v1/audit/log/checkpoint?zone=in").body();
        String[] lines = note.split("\n");
        WebElement in = rows.get("in");
        assertThat(in.findElements(By.tagName("td")).get(2).getText()).isEqualTo(lines[1]);
        assertThat(in.findElement(By.cssSelector(".root")).getText()).isEqualTo(lines[2]);
        assertThat(in.findElement(By.cssSelector(".explanation")).getText())
                .contains("is a prefix of the current signed checkpoint");
        // The chain check of every store is still there, below the checkpoints.
        assertThat(browser.findElement(By.id("chains-h")).getText()).isEqualTo("Hash chains");

        Download checkpoint = download(in.findElement(By.linkText("Checkpoint")));
        assertThat(checkpoint.status()).isEqualTo(200);
        assertThat(checkpoint.type()).startsWith("text/plain");
        assertThat(checkpoint.disposition()).startsWith("attachment").contains("in.checkpoint");
        assertThat(checkpoint.body()).isEqualTo(note);
        Download key = download(in.findElement(By.linkText("Verifier key")));
        assertThat(key.body().strip())
                .isEqualTo(auditor.get("/v1/audit/log/key?zone=in")
                        .json()
                        .get("verifierKey")
                        .asString());
        browser.manage().window().setSize(new Dimension(1280, 1500));
        open("/integrity");
        screenshot("integrity.png");
    }

    @Test
    void aRewrittenZoneLogShowsHaltedSigningAndStaysNotConsistentAfterARestart() throws IOException {
        try (OwnDeployment deployment = new OwnDeployment("console_tamper")) {
            String key = deployment.api().issueKey("officer", null);
            write(deployment, 3);
            signInAt(deployment.api().base(), key);
            browser.get(deployment.api().base() + "/integrity");
            assertThat(verdict("in")).isEqualTo("pinned now");
            write(deployment, 1);
            browser.get(deployment.api().base() + "/integrity");
            assertThat(verdict("in")).isEqualTo("consistent");
            assertThat(logRows().get("in").findElements(By.tagName("td")).get(2).getText())
                    .isEqualTo("4");

            // The operator drops the last two decisions and writes two others in their place: same size, new root.
            deployment.rewindZoneTo(2);
            write(deployment, 2);
            browser.get(deployment.api().base() + "/integrity");
            WebElement in = logRows().get("in");
            assertThat(in.findElement(By.cssSelector(".signing")).getText()).isEqualTo("HALTED");
            assertThat(in.findElement(By.cssSelector(".halted")).getText())
                    .startsWith("Signing is halted: ")
                    .doesNotContain("-");
            assertThat(verdict("in")).isEqualTo("NOT consistent: the log was rewritten");
            assertThat(in.findElement(By.cssSelector(".explanation")).getText())
                    .isEqualTo("The log of 4 entries does not extend the pinned checkpoint of 4 entries:"
                            + " entries it held were changed.");
            assertThat(logRows()
                            .get("control")
                            .findElement(By.cssSelector(".verdict"))
                            .getText())
                    .isEqualTo("consistent");
            browser.manage().window().setSize(new Dimension(1280, 1100));
            browser.get(deployment.api().base() + "/integrity");
            screenshot("integrity-rewritten.png");

            // A restarted node forgot what it signed, and the store's checkpoints were rewound with the rows:
            // the service signs the rewritten log again, but the console's pin, in the control store, remembers.
            deployment.restart();
            signInAt(deployment.api().base(), key);
            browser.get(deployment.api().base() + "/integrity");
            assertThat(verdict("in")).isEqualTo("NOT consistent: the log was rewritten");
            assertThat(deployment
                            .api()
                            .as(key)
                            .get("/v1/audit/log/checkpoint?zone=in")
                            .status())
                    .isEqualTo(200);
        }
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

    @Test
    void theConsentTimelineShowsEachRecordsScopeAndDownloadsTheAPIsReceipt() {
        String subject = Api.unique("receipt");
        api().as(appKey).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        String collector = api().issueKey("collector", null);
        api().as(collector).post("/v1/subjects/" + subject + "/consents", consent("IN", "denied"));
        signIn(officer);
        open("/subjects?subjectId=" + subject);

        List<WebElement> records = browser.findElements(By.cssSelector("ol.timeline > li"));
        assertThat(records).hasSize(2);
        assertThat(records.stream()
                        .map(r -> r.findElement(By.cssSelector(".scope")).getText())
                        .toList())
                .containsExactly("app " + appId, "vendor-wide");
        assertThat(browser.findElements(By.cssSelector("ol.timeline .imported")))
                .isEmpty();
        assertThat(records.get(1).getText()).contains("vendor-wide, for every app", "captured live");

        for (WebElement record : records) {
            String recordId = record.findElement(By.cssSelector(".mono")).getText();
            Download receipt = download(record.findElement(By.cssSelector("a.receipt")));
            assertThat(receipt.status()).isEqualTo(200);
            assertThat(receipt.type()).startsWith("application/json");
            assertThat(receipt.disposition()).contains("consent-receipt-" + recordId + ".json");
            Api.Reply api = api().as(officer).get("/v1/subjects/" + subject + "/consents/receipts/" + recordId);
            assertThat(JsonMapper.builder().build().readTree(receipt.body())).isEqualTo(api.json());
        }
        // A record of another subject is unknown under this one, as in the API.
        String recordId = records.get(0).findElement(By.cssSelector(".mono")).getText();
        open("/subjects/receipt?subjectId=" + Api.unique("someone-else") + "&recordId=" + recordId);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isNotEqualTo("Overview");
        assertThat(browser.getPageSource()).doesNotContain("\"leafIndex\"");
    }

    @Test
    void anUnknownConsolePathIsAPageWithASentenceAndTheApiKeepsProblemDetails() throws IOException {
        signIn(officer);
        open("/no-such-page");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(browser.findElement(By.cssSelector("main .error")).getText())
                .startsWith("There is no console page at this address.");
        assertThat(browser.findElement(By.linkText("overview")).getAttribute("href"))
                .isEqualTo(api().base() + "/");
        assertThat(browser.findElements(By.cssSelector("nav a"))).isNotEmpty();
        Download page = downloadPath("/no-such-page/" + IMG_PROBE);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.type()).startsWith("text/html");
        assertThat(page.body()).doesNotContain(IMG_PROBE, "<img");
        screenshot("not-found.png");

        for (String path : List.of("/v1/nowhere", "/compat/nowhere", "/otlp/nowhere", "/actuator/nowhere")) {
            Api.Reply reply = api().get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    /** The rows of the checkpoints table, by log name. */
    private Map<String, WebElement> logRows() {
        Map<String, WebElement> rows = new LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("table.logs tbody tr"))) {
            rows.put(row.findElement(By.tagName("th")).getText(), row);
        }
        return rows;
    }

    private String verdict(String log) {
        return logRows().get(log).findElement(By.cssSelector(".verdict")).getText();
    }

    /** What the browser receives for a download link, fetched with the page's own session. */
    record Download(int status, String type, String disposition, String body) {}

    private Download download(WebElement link) {
        return fetch(link.getAttribute("href"));
    }

    private Download downloadPath(String path) {
        return fetch(api().base() + path);
    }

    @SuppressWarnings("unchecked")
    private Download fetch(String url) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Map<String, Object> fetched = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(async r => done({status: r.status,
                    type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '',
                    body: await r.text()}));
                """, url);
        return new Download(
                ((Number) fetched.get("status")).intValue(),
                (String) fetched.get("type"),
                (String) fetched.get("disposition"),
                (String) fetched.get("body"));
    }

    private void signInAt(String base, String key) {
        browser.get(base + "/signin");
        browser.findElement(By.id("key")).sendKeys(key);
        navigate(browser.findElement(By.cssSelector("main form button[type=submit]")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Overview");
    }

    private static void write(OwnDeployment deployment, int events) {
        String app = Api.unique("tampered");
        Api appApi = deployment.api().as(deployment.api().issueKey("app", app));
        for (int i = 0; i < events; i++) {
            Map<String, Object> event = event(app, Api.unique("s"), Map.of("durationMs", i));
            event.put("jurisdiction", "IN");
            post(appApi, event);
        }
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
        awaitGone(page);
    }

    /**
     * Waits until {@code page}, the old document's root, is gone. Besides the stale-element error, ChromeDriver
     * may answer for a node of a document being replaced with "Node with given id does not belong to the
     * document"; that is the same fact, and {@code ExpectedConditions.stalenessOf} fails on it.
     */
    private void awaitGone(WebElement page) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
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
        awaitGone(page);
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
