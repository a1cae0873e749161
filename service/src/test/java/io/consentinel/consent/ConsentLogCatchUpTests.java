package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A backlog of records outside the consent log (a burst of appends, or a ledger from before the log) is
 * appended in ledger order, a chunk per transaction, each record with its purposes.
 */
class ConsentLogCatchUpTests {

    @Test
    void aBacklogIsAppendedInLedgerOrderAChunkPerTransactionWithItsPurposes() {
        DriverManagerDataSource dataSource = EmptyControlStore.create("consent_log_catch_up");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        int backlog = 2 * ConsentLog.APPEND_CHUNK + 500;
        EmptyControlStore.insertRecords(jdbc, backlog);
        jdbc.update("""
                insert into consent_record_purposes (record_id, purpose, status)
                select r.id, p.purpose, case when p.purpose = 'analytics' then 'denied' else 'granted' end
                from consent_records r cross join (values ('analytics'), ('diagnostics')) as p (purpose)""");

        ConsentLog log = new ConsentLog(dataSource, subjectId -> "ref:" + subjectId); // back-fills on start

        assertThat(jdbc.queryForObject("select count(*) from consent_records where log_index is null", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from consent_records where log_index <> seq - (select min(seq) from consent_records)",
                        Long.class))
                .as("log order is ledger order")
                .isZero();
        assertThat(jdbc.queryForObject("select tree_size from consent_log_head", Long.class))
                .isEqualTo(backlog);
        assertThat(jdbc.queryForObject("select count(distinct xmin::text) from consent_records", Long.class))
                .as("one transaction per chunk")
                .isEqualTo(3);
        List<ObjectNode> entries = log.entries(backlog - 2, backlog);
        assertThat(entries).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.get("purposes").get("analytics").asString()).isEqualTo("denied");
            assertThat(entry.get("purposes").get("diagnostics").asString()).isEqualTo("granted");
        });
        log.stopAppender();
    }
}
