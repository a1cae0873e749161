package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger writer commits what queued during a commit as one group, answers each request only after that
 * commit, and a record the store refuses fails alone. The writer is held by a lock on the change log, which
 * each group needs before it can commit.
 */
class LedgerWriterTests extends IntegrationTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @Autowired
    LedgerWriter writer;

    @Autowired
    DataSource control;

    @Test
    void recordsQueuedDuringACommitAreCommittedTogetherWithTheirChangeLogEntries() throws Exception {
        List<RecordToAppend> queued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queued.add(record(Api.unique("u"), null, "granted", NOW.minus(Duration.ofDays(1))));
        }
        List<List<StoredRecord>> answers = whileTheWriterIsHeld(queued);

        for (int i = 0; i < queued.size(); i++) {
            assertThat(answers.get(i))
                    .as("the answer holds the subject's record, read in the group's transaction")
                    .singleElement()
                    .satisfies(stored -> {
                        assertThat(stored.purposes()).containsEntry("analytics", "granted");
                        assertThat(stored.capturedAt()).isEqualTo(NOW.minus(Duration.ofDays(1)));
                    })
                    .extracting(StoredRecord::id)
                    .isEqualTo(queued.get(i).id());
        }
        String[] subjects = queued.stream().map(RecordToAppend::subjectId).toArray(String[]::new);
        // Purposes are never updated (records are, by the consent log's appender), so their xmin is still
        // the transaction that wrote them.
        JdbcTemplate jdbc = new JdbcTemplate(control);
        assertThat(jdbc.queryForList("""
                        select distinct p.xmin::text from consent_record_purposes p
                        join consent_records r on r.id = p.record_id where r.subject_id = any(?)""", String.class, (Object) subjects))
                .as("one transaction for the queued records")
                .singleElement()
                .isEqualTo(jdbc.queryForObject("""
                        select distinct (xid::text::numeric % 4294967296)::text from change_log
                        where kind = 'consent' and subject = any(?)""", String.class, (Object) subjects));
    }

    @Test
    void aRecordTheStoreRefusesFailsAloneAndTheRestOfItsGroupIsCommitted() throws Exception {
        RecordToAppend before = record(Api.unique("u"), null, "granted", NOW);
        RecordToAppend refused = record(Api.unique("u"), null, "maybe", NOW); // violates the status check
        RecordToAppend after = record(Api.unique("u"), "app-x", "denied", NOW);

        List<Future<List<StoredRecord>>> answers = submitWhileTheWriterIsHeld(List.of(before, refused, after));

        assertThat(answers.get(0).get(10, TimeUnit.SECONDS))
                .singleElement()
                .satisfies(stored -> assertThat(stored.id()).isEqualTo(before.id()));
        assertThatThrownBy(() -> answers.get(1).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(answers.get(2).get(10, TimeUnit.SECONDS)).singleElement().satisfies(stored -> {
            assertThat(stored.appId()).isEqualTo("app-x");
            assertThat(stored.purposes()).containsEntry("analytics", "denied");
        });
        JdbcTemplate jdbc = new JdbcTemplate(control);
        assertThat(jdbc.queryForObject(
                        "select count(*) from consent_records where subject_id = ?", Long.class, refused.subjectId()))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from change_log where subject = ?", Long.class, refused.subjectId()))
                .isZero();
    }

    @Test
    void theAnswerHoldsEveryRecordOfTheSubjectInEveryScopeInLedgerOrder() {
        String subject = Api.unique("u");
        RecordToAppend app = record(subject, "app-x", "denied", NOW.minus(Duration.ofDays(2)));
        RecordToAppend vendorWide = record(subject, null, "granted", NOW.minus(Duration.ofDays(3)));
        RecordToAppend sameCapture = record(subject, null, "denied", NOW.minus(Duration.ofDays(2)));

        writer.append(app);
        writer.append(vendorWide);
        List<StoredRecord> answer = writer.append(sameCapture);

        assertThat(answer)
                .as("capture order, then append order")
                .extracting(StoredRecord::id)
                .containsExactly(vendorWide.id(), app.id(), sameCapture.id());
        assertThat(answer).extracting(StoredRecord::appId).containsExactly(null, "app-x", null);
    }

    @Test
    void controlStoreSessionsDoNotJitCompileTheirShortStatements() {
        assertThat(new JdbcTemplate(control).queryForObject("show jit", String.class))
                .isEqualTo("off");
    }

    private List<List<StoredRecord>> whileTheWriterIsHeld(List<RecordToAppend> queued) throws Exception {
        List<List<StoredRecord>> answers = new ArrayList<>();
        for (Future<List<StoredRecord>> answer : submitWhileTheWriterIsHeld(queued)) {
            answers.add(answer.get(10, TimeUnit.SECONDS));
        }
        return answers;
    }

    /**
     * Holds the writer in a first group (it waits for the change log) until {@code queued} are all waiting,
     * then lets it go.
     */
    private List<Future<List<StoredRecord>>> submitWhileTheWriterIsHeld(List<RecordToAppend> queued) throws Exception {
        List<Future<List<StoredRecord>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
                Connection holder = control.getConnection();
                Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("lock table change_log in share mode");
            Future<List<StoredRecord>> first =
                    clients.submit(() -> writer.append(record(Api.unique("u"), null, "granted", NOW)));
            await(() -> new JdbcTemplate(control)
                            .queryForObject(
                                    "select count(*) from pg_locks where relation = 'change_log'::regclass and not granted",
                                    Long.class)
                    > 0);
            for (RecordToAppend record : queued) {
                answers.add(clients.submit(() -> writer.append(record)));
                int submitted = answers.size();
                await(() -> writer.waiting() == submitted);
            }
            holder.commit();
            assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        return answers;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for the ledger writer");
            }
            Thread.sleep(5);
        }
    }

    private static RecordToAppend record(String subject, String appId, String analytics, Instant capturedAt) {
        Map<String, String> purposes = Map.of("analytics", analytics);
        ConsentCommand command = new ConsentCommand(
                "IN", "notice-2026-09", purposes, capturedAt, null, null, null, null, null, null, false);
        return new RecordToAppend(UUID.randomUUID(), subject, command, purposes, NOW, "test", appId);
    }
}
