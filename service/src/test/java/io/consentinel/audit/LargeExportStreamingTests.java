package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An export of 100,000 decisions. What the tests prove:
 * <ul>
 *   <li>a copy of the application with a 64 MiB heap exports an NDJSON body well over 64 MiB, complete and
 *       in order, then the CSV body of the same decisions; building either body, or even its rows, in memory
 *       would end that JVM (ExitOnOutOfMemoryError);
 *   <li>that export outlives the server's async request timeout (cut to 500 ms there): exports are exempt;
 *   <li>a client that goes away mid-export releases the export's database cursor and connection.
 * </ul>
 */
class LargeExportStreamingTests extends AuditTest {

    private static final int DECISIONS = 100_000;
    private static final int HEAP_MB = 64;
    private static final Duration ASYNC_TIMEOUT = Duration.ofMillis(500);
    private static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");
    private static String app;

    @BeforeEach
    void hundredThousandDecisionsOnce() {
        synchronized (LargeExportStreamingTests.class) {
            if (app == null) {
                String bulk = unique("bulk");
                String subject = "subject-" + bulk;
                String[] consent = {
                    UUID.randomUUID().toString(), UUID.randomUUID().toString()
                };
                decisions()
                        .appendBulk(
                                "eu",
                                DECISIONS,
                                i -> DecisionDraft.of(bulk, subject)
                                        .zone("eu")
                                        .jurisdiction("DE")
                                        .outcome("anonymised")
                                        .reasons("CONSENT_MISSING", "CONSENT_WITHDRAWN")
                                        .consentRecordIds(consent)
                                        .receivedAt(T0.plusMillis(i))
                                        .field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING")
                                        .field("ip", "network.ip", "truncate_ip", "CONSENT_MISSING")
                                        .field("url", "behaviour.browsing", "url_domain", "CONSENT_WITHDRAWN"));
                app = bulk;
            }
        }
    }

    @Test
    void aServerWithA64MbHeapStreamsAnExportLargerThanItsHeap() throws Exception {
        String officerKey = api().issueKey("officer", null);
        try (SmallHeapServer server =
                SmallHeapServer.start(HEAP_MB, "--spring.mvc.async.request-timeout=" + ASYNC_TIMEOUT)) {
            long lines = 0;
            long bytes = 0;
            long previousSequence = Long.MAX_VALUE;
            HttpURLConnection export =
                    (HttpURLConnection) URI.create(server.base() + "/v1/audit/export?format=ndjson&appId=" + app)
                            .toURL()
                            .openConnection();
            export.setRequestProperty("Authorization", "Bearer " + officerKey);
            export.setReadTimeout(120_000);
            // The status first: an export refused before streaming must fail here, not pass as a broken stream.
            assertThat(export.getResponseCode()).isEqualTo(200);
            try (BufferedReader body =
                    new BufferedReader(new InputStreamReader(export.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = body.readLine(); line != null; line = body.readLine()) {
                    if (lines == 1) {
                        // Stop reading for three async timeouts: the export, still far from done (its body is
                        // larger than any socket buffer), outlives the timeout by construction, not by luck.
                        Thread.sleep(ASYNC_TIMEOUT.multipliedBy(3));
                    }
                    JsonNode item = Api.JSON.readTree(line);
                    assertThat(item.get("appId").asString()).isEqualTo(app);
                    long sequence = item.get("sequence").asLong();
                    assertThat(sequence).isLessThan(previousSequence);
                    previousSequence = sequence;
                    bytes += line.length() + 1;
                    lines++;
                }
            } catch (IOException e) {
                throw new AssertionError(
                        "The export broke after " + lines + " lines; server alive: " + server.isAlive() + "\n"
                                + server.tail(),
                        e);
            }

            assertThat(lines).as(server.tail()).isEqualTo(DECISIONS);
            assertThat(bytes).isGreaterThan(HEAP_MB * 1024L * 1024L);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.log()).contains("Audit export (ndjson) ended after " + DECISIONS + " decisions");

            long csvBytes = csvExportBytes(server, officerKey);
            System.out.printf(
                    "Exports of %d decisions from a %d MiB heap: NDJSON %d bytes, CSV %d bytes%n",
                    DECISIONS, HEAP_MB, bytes, csvBytes);
            assertThat(csvBytes).isGreaterThan(HEAP_MB * 1024L * 1024L);
            assertThat(server.isAlive()).isTrue();
            assertThat(server.log()).contains("Audit export (csv) ended after " + DECISIONS + " decisions");
        }
    }

    /** The CSV export, read to the end: a header and one row per decision, each for the test's app. */
    private static long csvExportBytes(SmallHeapServer server, String officerKey) throws IOException {
        HttpURLConnection export =
                (HttpURLConnection) URI.create(server.base() + "/v1/audit/export?format=csv&appId=" + app)
                        .toURL()
                        .openConnection();
        export.setRequestProperty("Authorization", "Bearer " + officerKey);
        export.setReadTimeout(120_000);
        assertThat(export.getResponseCode()).isEqualTo(200);
        long rows = 0;
        long bytes = 0;
        try (BufferedReader body =
                new BufferedReader(new InputStreamReader(export.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(body.readLine()).startsWith("eventId,outcome,zone");
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                assertThat(line).contains(app);
                bytes += line.length() + 2;
                rows++;
            }
        }
        assertThat(rows).as(server.tail()).isEqualTo(DECISIONS);
        return bytes;
    }

    @Test
    void aClientThatGoesAwayMidExportReleasesTheCursor() throws Exception {
        URI base = URI.create(api().base());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream request = socket.getOutputStream();
            request.write(("GET /v1/audit/export?format=ndjson&appId=" + app + " HTTP/1.1\r\nHost: localhost\r\n"
                            + "Authorization: Bearer " + api().issueKey("officer", null)
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            byte[] start = response.readNBytes(64 * 1024);
            assertThat(new String(start, StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 200")
                    .contains("\"eventId\"");
            // The client stops reading: the server blocks mid-export with its cursor open.
            assertThat(eventually(() -> openExportCursors() == 1))
                    .as("an open export cursor")
                    .isTrue();
        }
        assertThat(eventually(() -> openExportCursors() == 0))
                .as("the cursor released")
                .isTrue();
    }

    @Test
    void aStoreFailureMidExportBreaksTheDownloadRatherThanEndingItEarly() throws Exception {
        HttpURLConnection export =
                (HttpURLConnection) URI.create(api().base() + "/v1/audit/export?format=csv&appId=" + app)
                        .toURL()
                        .openConnection();
        export.setRequestProperty("Authorization", "Bearer " + api().issueKey("officer", null));
        assertThat(export.getResponseCode()).isEqualTo(200); // so that the IOException below can only be the break
        long lines = 0;
        try (BufferedReader body =
                new BufferedReader(new InputStreamReader(export.getInputStream(), StandardCharsets.UTF_8))) {
            body.readLine();
            assertThat(eventually(() -> openExportCursors() == 1))
                    .as("an open export cursor")
                    .isTrue();
            decisions()
                    .store("eu")
                    .jdbc()
                    .sql("select pg_terminate_backend(pid) from pg_stat_activity "
                            + "where datname = current_database() and pid <> pg_backend_pid() and query like ?")
                    .param(StoreCursor.MARKER.trim() + "%")
                    .query(Boolean.class)
                    .list();
            while (body.readLine() != null) {
                lines++;
            }
        } catch (IOException expected) {
            // A truncated chunked body: the client knows the export is incomplete.
            assertThat(lines).isLessThan(DECISIONS);
            return;
        }
        throw new AssertionError("The export ended cleanly after " + lines + " of " + DECISIONS + " rows");
    }

    /** Export cursors in a transaction on the eu store; an idle pooled connection no longer counts. */
    private long openExportCursors() {
        return decisions()
                .store("eu")
                .jdbc()
                .sql("select count(*) from pg_stat_activity where datname = current_database() "
                        + "and pid <> pg_backend_pid() and state <> 'idle' and query like ?")
                .param(StoreCursor.MARKER.trim() + "%")
                .query(Long.class)
                .single();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
