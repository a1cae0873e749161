package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consent log's "is anything pending?" question costs the pending records, not the ledger, even
 * with the statistics a burst of appends leaves behind: taken while many records were pending, read
 * after the log caught up.
 */
class PendingRecordsPlanTests {

    @Test
    void theFirstPendingRecordIsFoundThroughThePendingIndexEvenWithStatisticsFromABurst() {
        JdbcTemplate jdbc = new JdbcTemplate(EmptyControlStore.create("pending_records"));
        EmptyControlStore.insertRecords(jdbc, 20000);
        jdbc.execute("analyze consent_records"); // every record pending, as during a burst
        jdbc.update("update consent_records set log_index = seq");

        List<String> plan = jdbc.queryForList("explain " + ConsentLog.FIRST_PENDING, String.class);

        assertThat(String.join("\n", plan)).contains("consent_records_pending").doesNotContain("Seq Scan");
        assertThat(jdbc.queryForList(ConsentLog.FIRST_PENDING, Long.class)).isEmpty();
        jdbc.update("update consent_records set log_index = null where seq = (select max(seq) from consent_records)");
        assertThat(jdbc.queryForList(ConsentLog.FIRST_PENDING, Long.class)).hasSize(1);
    }
}
