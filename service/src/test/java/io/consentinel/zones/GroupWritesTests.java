package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.RandomText;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the group commit writes reads back exactly as it was decided, whichever way the group went in: a
 * small group as batched inserts, a big one by COPY. Text is awkward wherever the schema takes text,
 * including array elements that look like NULL, braces and quotes, and nulls go wherever it takes them.
 */
class GroupWritesTests extends ZoneWriterTest {

    /** Awkward text that PostgreSQL can store: its text and jsonb hold no NUL (the API refuses it too). */
    private static final String STORABLE = RandomText.AWKWARD.replace("\u0000", "");

    private static final String APP = "group-writes";

    static Stream<Arguments> groups() {
        return Stream.of(1, 7, 63, DecisionWrites.COPY_FROM, 150)
                .flatMap(size -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(size, seed)));
    }

    @ParameterizedTest(name = "{0} decisions, seed {1}")
    @MethodSource("groups")
    void everyDecisionAndStoredEventReadsBackAsItWasDecided(int size, long seed) {
        ZoneStore store = stores.byName("eu").orElseThrow();
        Random random = new Random(seed);
        List<PendingDecision> group = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            group.add(decision(random));
        }

        List<WrittenDecision> written = write(writer(store), group);

        JdbcClient jdbc = store.jdbc();
        for (int i = 0; i < size; i++) {
            PendingDecision pending = group.get(i);
            DecisionRecord decided = written.get(i).decision();
            DecisionRecord stored = jdbc.sql("select " + DecisionRows.COLUMNS + " from decisions where sequence = ?")
                    .param(decided.sequence())
                    .query(new DecisionRows())
                    .single();
            assertThat(stored).isEqualTo(decided);

            List<StoredEvent> events = jdbc.sql("select sequence, subject_id, event_type, occurred_at, received_at,"
                            + " expires_at, attributes::text from events where app_id = ? and event_id = ?")
                    .params(APP, decided.eventId())
                    .query((rs, n) -> new StoredEvent(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant(),
                            instant(rs.getTimestamp(6)),
                            (ObjectNode) DecisionRows.JSON.readTree(rs.getString(7))))
                    .list();
            if (pending.storedAttributes() == null) {
                assertThat(events).isEmpty();
            } else {
                assertThat(events)
                        .containsExactly(new StoredEvent(
                                decided.sequence(),
                                decided.subjectId(),
                                decided.eventType(),
                                decided.occurredAt(),
                                decided.receivedAt(),
                                pending.expiresAt(),
                                pending.storedAttributes()));
            }
        }
        // The bookkeeping went with the rows: the head, the log and the receipt range cover the group.
        long last = written.getLast().decision().sequence();
        assertThat(jdbc.sql("select last_sequence = ? and tree_size = ? from chain_head where id = 1")
                        .params(last, last)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select count(*) from receipt_ranges where first_sequence = ? and last_sequence = ?")
                        .params(written.getFirst().decision().sequence(), last)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    private ZoneWriter writer(ZoneStore store) {
        return stoppedAfterTheTest(new ZoneWriter(store, new SimpleMeterRegistry(), Duration.ZERO));
    }

    private static List<WrittenDecision> write(ZoneWriter writer, List<PendingDecision> group) {
        return writer.submit(group).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** A decision with awkward text wherever the schema takes text, and nulls wherever it takes them. */
    private static PendingDecision decision(Random random) {
        Instant received = DecisionRecord.micros(Instant.now());
        Instant occurred = Instant.ofEpochSecond(
                received.getEpochSecond() - random.nextInt(10_000_000), random.nextInt(1_000_000) * 1_000L);
        List<DecisionRecord.Field> fields = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            fields.add(new DecisionRecord.Field(
                    text(random), random.nextBoolean() ? null : text(random), text(random), text(random)));
        }
        DecisionRecord record = new DecisionRecord(
                0,
                UUID.randomUUID(),
                APP,
                text(random),
                text(random),
                text(random),
                random.nextInt(3) == 0 ? null : text(random),
                random.nextInt(3) == 0 ? null : text(random),
                List.of("accepted", "anonymised", "rejected").get(random.nextInt(3)),
                texts(random),
                fields,
                texts(random),
                text(random),
                occurred,
                received);
        ObjectNode attributes = null;
        if (random.nextInt(4) != 0) {
            attributes = DecisionRows.JSON.createObjectNode();
            for (int i = random.nextInt(5); i > 0; i--) {
                if (random.nextBoolean()) {
                    attributes.put(text(random), text(random));
                } else {
                    attributes
                            .putObject(text(random))
                            .put(text(random), random.nextInt())
                            .putNull(text(random));
                }
            }
        }
        Instant expires = attributes != null && random.nextBoolean() ? received.plus(Duration.ofDays(30)) : null;
        return new PendingDecision(record, attributes, expires);
    }

    /** Text arrays: empty, or with elements that look like NULL, braces, commas and quotes. */
    private static List<String> texts(Random random) {
        List<String> texts = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            texts.add(
                    switch (random.nextInt(6)) {
                        case 0 -> "NULL";
                        case 1 -> "{a,b}";
                        case 2 -> "";
                        default -> text(random);
                    });
        }
        return texts;
    }

    private static String text(Random random) {
        return RandomText.from(random, STORABLE);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record StoredEvent(
            long sequence,
            String subjectId,
            String eventType,
            Instant occurredAt,
            Instant receivedAt,
            Instant expiresAt,
            ObjectNode attributes) {}
}
