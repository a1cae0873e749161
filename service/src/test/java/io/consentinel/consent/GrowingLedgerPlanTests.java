package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's reads probe their indexes after the ledger grew, on a connection that ran them many times
 * while it was small: the plans PostgreSQL would cache then scan whole tables (a burst of appends into a
 * new ledger, BENCHMARKS.md). Autovacuum is off for the ledger tables, so no new statistics come to the
 * rescue, as they did not during a burst.
 */
class GrowingLedgerPlanTests {

    private static final int GROWN_TO = 30_000;
    private SingleConnectionDataSource connection;
    private JdbcTemplate jdbc;

    @BeforeEach
    void smallLedgerOnOneConnection() throws Exception {
        Connection raw = EmptyControlStore.create("growing_ledger").getConnection();
        connection = new SingleConnectionDataSource(raw, true);
        jdbc = new JdbcTemplate(connection);
        jdbc.execute("alter table consent_records set (autovacuum_enabled = false)");
        jdbc.execute("alter table consent_record_purposes set (autovacuum_enabled = false)");
        RecordGroups.insert(jdbc, List.of(record("s-small")));
    }

    @AfterEach
    void close() {
        connection.destroy();
    }

    @Test
    void theWritersReadBackProbesTheSubjectsRecordsAndTheirPurposesAfterTheLedgerGrew() {
        for (int i = 0; i < 10; i++) {
            assertThat(RecordGroups.read(jdbc, List.of("s-small"))).containsKey("s-small");
        }
        grow();

        Map<String, Long> scans = seqScansDuring(() -> RecordGroups.read(jdbc, List.of("s-7", "s-8")));

        assertThat(scans).containsEntry("consent_records", 0L).containsEntry("consent_record_purposes", 0L);
    }

    @Test
    void theLogReadsTheEntriesPurposesThroughTheirKeyAfterTheLedgerGrew() {
        ConsentLog log = new ConsentLog(connection, subjectId -> "ref:" + subjectId);
        for (int i = 0; i < 10; i++) {
            assertThat(log.entries(0, 1)).hasSize(1);
        }
        grow();
        log.appendPending();

        Map<String, Long> scans = seqScansDuring(() -> log.entries(GROWN_TO - 5, GROWN_TO));

        assertThat(scans).containsEntry("consent_records", 0L).containsEntry("consent_record_purposes", 0L);
        log.stopAppender();
    }

    private void grow() {
        EmptyControlStore.insertRecords(jdbc, GROWN_TO);
        jdbc.update("""
                insert into consent_record_purposes (record_id, purpose, status)
                select r.id, p.purpose, 'granted'
                from consent_records r cross join (values ('analytics'), ('diagnostics'), ('advertising')) as p (purpose)
                where r.subject_id <> 's-small'""");
    }

    /** Sequential scans of each ledger table during {@code read}, counted within one transaction. */
    private Map<String, Long> seqScansDuring(Runnable read) {
        return new TransactionTemplate(new DataSourceTransactionManager(connection)).execute(status -> {
            // The backend's counts since its stats were last flushed, which happens only between transactions.
            long records = seqScans("consent_records");
            long purposes = seqScans("consent_record_purposes");
            read.run();
            return Map.of(
                    "consent_records", seqScans("consent_records") - records,
                    "consent_record_purposes", seqScans("consent_record_purposes") - purposes);
        });
    }

    private long seqScans(String table) {
        // For a table (not an index), its sequential scans.
        return jdbc.queryForObject("select pg_stat_get_xact_numscans(?::regclass)", Long.class, table);
    }

    private static RecordToAppend record(String subject) {
        Map<String, String> purposes = Map.of("analytics", "granted");
        ConsentCommand command = new ConsentCommand(
                "IN", "notice-1", purposes, Instant.now(), null, null, null, null, null, null, false);
        return new RecordToAppend(UUID.randomUUID(), subject, command, purposes, Instant.now(), "test", null);
    }
}
