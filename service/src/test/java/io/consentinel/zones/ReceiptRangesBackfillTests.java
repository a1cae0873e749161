package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** Zone V6 gives the decisions already stored their receipt ranges, with running bounds as exact as the writer's. */
class ReceiptRangesBackfillTests {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void decisionsStoredBeforeTheRangesAreFoundByEveryFromAndTo() {
        TestDatabases server = TestDatabases.shared();
        var dataSource =
                new DriverManagerDataSource(server.database("v6_backfill"), server.username(), server.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/zone")
                .cleanDisabled(false)
                .load()
                .clean();
        migrate(dataSource, "5");
        var connection = new SingleConnectionDataSource(
                dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword(), true);
        JdbcClient jdbc = JdbcClient.create(connection);
        // 3,500 decisions received a second apart, except one in a hundred: received up to three hours earlier (a
        // slow request committed late) or later (a node whose clock runs ahead). So a range can hold receipts
        // older than an earlier range's, and only the running bounds keep the ranges in order.
        jdbc.sql("select setseed(0.15)").query().singleRow();
        jdbc.sql("""
                        insert into decisions (sequence, event_id, app_id, subject_id, subject_ref, event_type, outcome,
                            reasons, fields, consent_record_ids, policy_version, occurred_at, received_at)
                        select g, gen_random_uuid(), 'app', 's', 'r', 'page_view', 'rejected', '{}', '[]', '{}', 'p@1',
                            t, t
                        from (select g, ?::timestamptz + g * interval '1 second'
                                  + case when random() < 0.01 then (random() * 21600 - 10800) * interval '1 second'
                                         else interval '0' end as t
                              from generate_series(1, 3500) g) x""").param(ReceiptRangesTests.utc(BASE)).update();
        migrate(dataSource, "latest");
        try {
            checkBounds(jdbc);
        } finally {
            connection.destroy();
        }
    }

    private static void checkBounds(JdbcClient jdbc) {
        assertThat(jdbc.sql("select count(*) from receipt_ranges")
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
        Random random = new Random(6);
        for (int i = 0; i < 300; i++) {
            Instant from = random.nextInt(3) == 0 ? null : BASE.plusSeconds(random.nextInt(26_000) - 11_000);
            Instant to = random.nextInt(3) == 0 ? null : BASE.plusSeconds(random.nextInt(26_000) - 11_000);
            var criteria = ReceiptRangesTests.criteria(from, to);
            long before = 1 + random.nextInt(3_600);
            assertThat(sequences(jdbc, DecisionQueries.pageQuery(jdbc, criteria, before, 5)))
                    .as("from %s, to %s, before %d", from, to, before)
                    .isEqualTo(sequences(
                            jdbc,
                            criteria.where().and("sequence < ?", before).append(" order by sequence desc limit ?", 5)));
        }
    }

    private static void migrate(DriverManagerDataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/zone")
                .target(target)
                .load()
                .migrate();
    }

    private static List<Long> sequences(JdbcClient jdbc, DecisionCriteria.Sql sql) {
        return jdbc.sql("select sequence from decisions " + sql.text())
                .params(sql.params())
                .query(Long.class)
                .list();
    }
}
