package io.consentinel.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The change-log read against real PostgreSQL: an entry whose transaction commits after a later-numbered
 * one is still applied, by the first read after its commit, and by that read only.
 */
class ChangeLogSnapshotTests extends IntegrationTest {

    @Autowired
    DataSource control;

    @Test
    void anEntryCommittedAfterAHigherNumberedOneIsAppliedByTheNextRead() throws SQLException {
        Set<String> evicted = ConcurrentHashMap.newKeySet();
        CachedChanges cache = new CachedChanges() {
            @Override
            public ChangeKind kind() {
                return ChangeKind.CONSENT;
            }

            @Override
            public void evict(String subject) {
                if (!evicted.add(subject)) {
                    throw new AssertionError(subject + " applied twice");
                }
            }

            @Override
            public void evictAll() {
                evicted.add("*");
            }
        };
        ControlClock clock =
                new ControlClock(JdbcClient.create(control), ControlClockTests.providerOf(cache), System::nanoTime);
        clock.catchUp(); // the first read only takes a snapshot
        String early = Api.unique("early");
        String late = Api.unique("late");
        try (Connection held = control.getConnection()) {
            held.setAutoCommit(false);
            // Numbered first, committed last: a high-water mark of ids would skip it for ever.
            insert(held, early);
            clock.catchUp();
            assertThat(evicted).doesNotContain(early);

            try (Connection other = control.getConnection()) {
                insert(other, late);
            }
            clock.catchUp();
            assertThat(evicted).contains(late).doesNotContain(early);

            held.commit();
        }
        clock.catchUp();
        assertThat(evicted).contains(early);
        clock.catchUp();
        assertThat(evicted).containsOnlyOnce(early, late); // the next read brings neither again
    }

    /**
     * Planning the read afresh each time was most of the control store's CPU under load (control V14). Its
     * plan, as auto_explain sends it to the client, must be the generic one (the previous snapshot is still
     * a parameter) and must probe the index on xid.
     */
    @Test
    void theReadIsPlannedOnceForEveryPreviousSnapshotAndProbesTheXidIndex() throws SQLException {
        try (Connection connection = control.getConnection()) {
            try (Statement session = connection.createStatement()) {
                session.execute("load 'auto_explain'");
                session.execute("set auto_explain.log_min_duration = 0");
                session.execute("set auto_explain.log_nested_statements = on");
                session.execute("set client_min_messages = log");
            }
            try {
                String nestedPlan = null;
                for (int read = 0; read < 3; read++) {
                    try (PreparedStatement unseen = connection.prepareStatement(
                            "select * from change_log_unseen(pg_current_snapshot()::text)")) {
                        unseen.executeQuery().close();
                        for (SQLWarning w = unseen.getWarnings(); w != null; w = w.getNextWarning()) {
                            if (w.getMessage().contains("from change_log c")) {
                                nestedPlan = w.getMessage();
                            }
                        }
                    }
                }
                assertThat(nestedPlan)
                        .as("the plan auto_explain reported for the read inside change_log_unseen")
                        .isNotNull()
                        .contains("Index Cond: (xid >= pg_snapshot_xmax(($1)::pg_snapshot))")
                        .contains("change_log_xid")
                        .doesNotContain("Seq Scan");
            } finally {
                // Only what this test set: the pool's own session settings (jit = off) must stay.
                try (Statement session = connection.createStatement()) {
                    session.execute("reset auto_explain.log_min_duration");
                    session.execute("reset auto_explain.log_nested_statements");
                    session.execute("reset client_min_messages");
                }
            }
        }
    }

    private static void insert(Connection connection, String subject) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("insert into change_log (kind, subject) values ('consent', ?)")) {
            insert.setString(1, subject);
            insert.executeUpdate();
        }
    }
}
