package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every index on a zone table is paid for by every insert, and random keys (event ids, subjects) make that
 * payment dear. Zone V8 leaves one index per key: these tests pin the index set, and show that the reads which
 * lost an index of their own (an event id without its app, a subject's events, their erasure) still read a few
 * pages of a store, not all of it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventKeyPlansTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OTHER_DECISIONS = 4_000;
    private static final int SUBJECT_DECISIONS = 3;
    /** Index descents and the rows' own pages; a scan of either table reads well over a hundred. */
    private static final int FEW_PAGES = 40;

    @Autowired
    private ZoneStores stores;

    @Autowired
    private ZoneWriters writers;

    private ZoneStore store;
    private String subject;
    private UUID eventId;

    @BeforeAll
    void aStoreOfThousandsOfEventsWithOneSubjectAmongThem() {
        // The eu store: ReceiptRangesTests reads plans in the in store, and the analyse below changes plans.
        store = stores.byName("eu").orElseThrow();
        subject = "plans-" + UUID.randomUUID();
        List<PendingDecision> group = new ArrayList<>();
        for (int i = 0; i < OTHER_DECISIONS; i++) {
            group.add(decision("plans-other-" + UUID.randomUUID()));
            if (group.size() == 500) {
                ZoneWriters.await(store, writers.submit(store, group));
                group = new ArrayList<>();
            }
        }
        for (int i = 0; i < SUBJECT_DECISIONS; i++) {
            group.add(decision(subject));
        }
        eventId = group.getLast().decision().eventId();
        ZoneWriters.await(store, writers.submit(store, group));
        store.jdbc().sql("analyze decisions").update();
        store.jdbc().sql("analyze events").update();
    }

    @Test
    void eachZoneTableCarriesOnlyTheIndexesItsQueriesUse() {
        assertThat(indexes("decisions"))
                .containsExactlyInAnyOrder(
                        "decisions_pkey", "decisions_event_app", "decisions_subject", "decisions_received_at");
        assertThat(indexes("events")).containsExactlyInAnyOrder("events_pkey", "events_expires_at");
        assertThat(store.jdbc()
                        .sql("select pg_get_indexdef('events_pkey'::regclass)")
                        .query(String.class)
                        .single())
                .as("an event row is keyed by its decision's sequence, which only grows")
                .endsWith("(sequence)");
    }

    @Test
    void anEventIdWithoutItsAppIsLookedUpThroughTheUniqueConstraint() {
        JsonNode plan = explain(DecisionQueries.BY_EVENT_ID + " limit 2", eventId);

        assertThat(pagesRead(plan)).isLessThanOrEqualTo(FEW_PAGES);
        assertThat(plan.toString()).contains("decisions_event_app").doesNotContain("Seq Scan");
    }

    @Test
    void aSubjectsEventsAreFoundThroughItsDecisions() {
        JsonNode plan = explain(SubjectRows.EVENTS_OF_SUBJECT, subject);

        assertThat(plan.at("/Plan/Actual Rows").asLong()).isEqualTo(SUBJECT_DECISIONS);
        assertThat(pagesRead(plan)).isLessThanOrEqualTo(FEW_PAGES);
        assertThat(plan.toString()).doesNotContain("Seq Scan");
    }

    @Test
    void erasingASubjectsEventsDeletesExactlyThemAndReadsAFewPages() {
        JsonNode plan = store.transactions().execute(status -> {
            status.setRollbackOnly();
            return explain(SubjectRows.DELETE_EVENTS_OF_SUBJECT, subject);
        });

        assertThat(plan.toString()).doesNotContain("Seq Scan");
        assertThat(pagesRead(plan)).isLessThanOrEqualTo(FEW_PAGES);
        assertThat(deleted(plan.get("Plan"))).isEqualTo(SUBJECT_DECISIONS);
    }

    private List<String> indexes(String table) {
        return store.jdbc()
                .sql("select indexname from pg_indexes where schemaname = current_schema() and tablename = ?")
                .param(table)
                .query(String.class)
                .list();
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of the statement: it runs, so run a write inside a rolled-back transaction. */
    private JsonNode explain(String sql, Object parameter) {
        String plan = store.jdbc()
                .sql("explain (analyze, buffers, format json) " + sql)
                .param(parameter)
                .query(String.class)
                .single();
        return JSON.readTree(plan).get(0);
    }

    /** Pages the execution touched, in memory or not; the top node's counts include its children's. */
    private static long pagesRead(JsonNode plan) {
        JsonNode top = plan.get("Plan");
        return top.path("Shared Hit Blocks").asLong()
                + top.path("Shared Read Blocks").asLong();
    }

    /** Rows the delete's scan fed to the ModifyTable node: the events it deleted. */
    private static long deleted(JsonNode modify) {
        return modify.get("Plans").get(0).path("Actual Rows").asLong();
    }

    private static PendingDecision decision(String subjectId) {
        Instant received = DecisionRecord.micros(Instant.now());
        DecisionRecord record = new DecisionRecord(
                0,
                UUID.randomUUID(),
                "plans",
                subjectId,
                "ref-" + UUID.randomUUID(),
                "page_view",
                "DE",
                "eu",
                "anonymised",
                List.of("ANONYMISED"),
                List.of(),
                List.of(),
                "default@1",
                received.minusSeconds(1),
                received);
        ObjectNode attributes = JSON.createObjectNode()
                .put("url", "https://example.com/" + UUID.randomUUID())
                .put("ip", "203.0.113.0");
        return new PendingDecision(record, attributes, null);
    }
}
