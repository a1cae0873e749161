package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipt-time filters become sequence bounds (zone V6). The bounds must never leave out a decision, however
 * late a receipt is committed, and must keep a {@code to} far in the past from walking the whole store.
 */
class ReceiptRangesTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private ZoneStores stores;

    @Autowired
    private ZoneWriters writers;

    @Autowired
    private DecisionQueries queries;

    static Stream<Integer> seeds() {
        return IntStream.range(0, 40).boxed();
    }

    /**
     * Each seed commits groups whose receipt times go back and forth (a group can carry a receipt older than
     * every group before it, as a slow request does), then pages and counts with random from/to and cursors.
     * The answers must be exactly those of the same statements without the bounds, over the whole store.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void boundedPagesAndCountsMatchTheUnboundedStatements(int seed) {
        Random random = new Random(seed);
        ZoneStore store = store();
        Instant era = Instant.parse("1900-01-01T00:00:00Z").plus(Duration.ofDays(400L * seed));
        List<Long> written = new ArrayList<>();
        for (int group = 0, groups = 2 + random.nextInt(6); group < groups; group++) {
            List<PendingDecision> pending = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                pending.add(decision(era.plusSeconds(random.nextInt(10 * 86_400))));
            }
            ZoneWriters.await(store, writers.submit(store, pending))
                    .forEach(w -> written.add(w.decision().sequence()));
        }
        long head = written.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        for (int query = 0; query < 12; query++) {
            Instant from = random.nextInt(3) == 0 ? null : era.plusSeconds(random.nextInt(12 * 86_400) - 86_400);
            Instant to = random.nextInt(3) == 0 ? null : era.plusSeconds(random.nextInt(12 * 86_400) - 86_400);
            DecisionCriteria criteria = criteria(from, to);
            long before = random.nextBoolean() ? head : written.get(random.nextInt(written.size()));
            int limit = 1 + random.nextInt(8);

            List<Long> bounded = queries.below(store, criteria, before, limit).stream()
                    .map(DecisionRecord::sequence)
                    .toList();
            assertThat(bounded)
                    .as("seed %d, from %s, to %s, before %d", seed, from, to, before)
                    .isEqualTo(unbounded(store, criteria, before, limit));
            assertThat(queries.count(store, criteria))
                    .as("seed %d, from %s, to %s", seed, from, to)
                    .isEqualTo(unboundedCount(store, criteria));
        }
    }

    @Test
    void aToFarInThePastStartsItsWalkAtItsMatchesNotAtTheNewestDecision() {
        ZoneStore store = store();
        Instant longAgo = Instant.parse("1800-01-01T00:00:00Z");
        ZoneWriters.await(store, writers.submit(store, List.of(decision(longAgo), decision(longAgo.plusSeconds(5)))));
        for (int i = 0; i < 4; i++) {
            List<PendingDecision> recent = new ArrayList<>();
            for (int k = 0; k < 100; k++) {
                recent.add(decision(Instant.now()));
            }
            ZoneWriters.await(store, writers.submit(store, recent));
        }
        DecisionCriteria criteria = criteria(null, longAgo.plusSeconds(1));
        long head = Long.MAX_VALUE;
        // A page of one: the walk stops at the first match, so what it passed over is what the bound saved.
        DecisionCriteria.Sql bounded = DecisionQueries.pageQuery(store.jdbc(), criteria, head, 1);
        DecisionCriteria.Sql unbounded =
                criteria.where().and("sequence < ?", head).append(" order by sequence desc limit ?", 1);

        assertThat(rowsPassedOver(store, unbounded))
                .as("the statement without bounds reads every newer decision first")
                .isGreaterThanOrEqualTo(400);
        assertThat(rowsPassedOver(store, bounded)).isLessThanOrEqualTo(1);
        assertThat(queries.below(store, criteria, head, 101)).hasSize(1);
    }

    private ZoneStore store() {
        return stores.byName("in").orElseThrow();
    }

    static DecisionCriteria criteria(Instant from, Instant to) {
        return new DecisionCriteria(null, null, null, null, null, null, null, null, null, from, to);
    }

    private static List<Long> unbounded(ZoneStore store, DecisionCriteria criteria, long before, int limit) {
        DecisionCriteria.Sql sql =
                criteria.where().and("sequence < ?", before).append(" order by sequence desc limit ?", limit);
        return store.jdbc()
                .sql("select sequence from decisions " + sql.text())
                .params(sql.params())
                .query(Long.class)
                .list();
    }

    private static long unboundedCount(ZoneStore store, DecisionCriteria criteria) {
        DecisionCriteria.Sql sql = criteria.where();
        return store.jdbc()
                .sql("select count(*) from decisions " + sql.text())
                .params(sql.params())
                .query(Long.class)
                .single();
    }

    /** Rows the plan's nodes read and discarded (EXPLAIN ANALYZE's "Rows Removed by Filter", summed). */
    private static long rowsPassedOver(ZoneStore store, DecisionCriteria.Sql sql) {
        String plan = store.jdbc()
                .sql("explain (analyze, format json) select sequence from decisions " + sql.text())
                .params(sql.params())
                .query(String.class)
                .single();
        return removed(JSON.readTree(plan));
    }

    private static long removed(JsonNode node) {
        long sum = node.path("Rows Removed by Filter").asLong(0);
        for (JsonNode child : node) {
            sum += removed(child);
        }
        return sum;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static PendingDecision decision(Instant received) {
        Instant micros = DecisionRecord.micros(received);
        DecisionRecord record = new DecisionRecord(
                0,
                UUID.randomUUID(),
                "receipt-ranges",
                "subject-" + UUID.randomUUID(),
                "ref-" + UUID.randomUUID(),
                "page_view",
                "IN",
                "in",
                "rejected",
                List.of("CONSENT_MISSING"),
                List.of(),
                List.of(),
                "default@1",
                micros.minusSeconds(1),
                micros);
        return new PendingDecision(record, null, null);
    }
}
