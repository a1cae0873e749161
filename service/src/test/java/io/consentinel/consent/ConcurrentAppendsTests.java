package io.consentinel.consent;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Consent appends do not wait for each other: nothing one append holds until its commit, on any node, is
 * needed by another. Before, every append locked one clock row and the log head until it committed.
 */
class ConcurrentAppendsTests extends IntegrationTest {

    @Autowired
    DataSource control;

    @Test
    void anAppendAnswersWhileAnotherNodesGroupIsStillUncommitted() throws Exception {
        String held = Api.unique("u");
        String other = Api.unique("u");
        Reply meanwhile;
        try (Connection connection = control.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // What another node's ledger writer holds until its group commits: a record, its purposes and
            // its change-log entry.
            statement.execute("""
                    insert into consent_records
                        (id, subject_id, jurisdiction, notice_version, captured_at, recorded_at, recorded_by)
                    values (gen_random_uuid(), '%s', 'IN', 'notice-2026-09', now(), now(), 'bootstrap')""".formatted(held));
            statement.execute("""
                    insert into consent_record_purposes (record_id, purpose, status)
                    select id, 'analytics', 'granted' from consent_records where subject_id = '%s'""".formatted(held));
            statement.execute("insert into change_log (kind, subject) values ('consent', '%s')".formatted(held));
            meanwhile = answerWithin(() -> api().post("/v1/subjects/" + other + "/consents", consent("IN", "granted")));
            connection.commit();
        }
        assertThat(meanwhile.status()).isEqualTo(201);
        // Once it commits, both are in the ledger and in one checkpoint.
        assertThat(api().get("/v1/subjects/" + held + "/consents").status()).isEqualTo(200);
        assertReceiptFor(held);
        assertReceiptFor(other);
    }

    @Test
    void anAppendAnswersWhileTheLogHeadIsLockedAndTheLogCatchesUpAfterwards() throws Exception {
        String subject = Api.unique("u");
        Reply appended;
        try (Connection connection = control.getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            // Whoever extends the consent log holds this lock: another node's appender, say.
            statement.execute("select tree_size from consent_log_head where id = 1 for update");
            appended =
                    answerWithin(() -> api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted")));
            connection.rollback();
        }
        assertThat(appended.status()).isEqualTo(201);
        assertReceiptFor(subject);
    }

    private void assertReceiptFor(String subject) {
        String recordId = api().firstConsentRecordId(subject);
        Reply receipt = api().get("/v1/subjects/" + subject + "/consents/receipts/" + recordId);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        assertThat(receipt.json().get("leafIndex").asLong())
                .isLessThan(receipt.json().get("treeSize").asLong());
    }

    /** Bounded, so that an append that waits for the held one fails the test instead of hanging it. */
    private static Reply answerWithin(Supplier<Reply> call) {
        try {
            return CompletableFuture.supplyAsync(call).get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the append waited for the one held open", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
