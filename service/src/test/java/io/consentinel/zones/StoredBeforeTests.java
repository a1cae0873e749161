package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A writer that does not look events up before writing (no retries seen lately) still answers an event
 * stored before as a duplicate of its first decision: the unique constraint refuses the group, and the group
 * is written again with the lookup, leaving nothing of the refused attempt.
 */
class StoredBeforeTests extends ZoneWriterTest {

    private static final String APP = "stored-before";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** 3 events go through the batched insert, 100 through COPY (ZoneWriter's two ways of writing). */
    @ParameterizedTest
    @ValueSource(ints = {3, 100})
    void anEventStoredBeforeIsADuplicateAndTheRestOfItsGroupIsStoredOnce(int fresh) {
        ZoneStore store = stores.byName("in").orElseThrow();
        ZoneWriter writer = writer(store);
        PendingDecision first = decision();
        WrittenDecision original = write(writer, List.of(first)).getFirst();
        long before = rows(store);

        List<PendingDecision> group = new ArrayList<>();
        for (int i = 0; i < fresh; i++) {
            group.add(decision());
        }
        group.add(fresh / 2, first); // sent again
        List<WrittenDecision> written = write(writer, group);

        WrittenDecision again = written.get(fresh / 2);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.decision().sequence()).isEqualTo(original.decision().sequence());
        assertThat(written).filteredOn(w -> !w.duplicate()).hasSize(fresh);
        assertThat(rows(store)).isEqualTo(before + fresh);
        assertThat(retried()).isEqualTo(1.0);
        // The refused attempt left no leaf: the log covers exactly the stored decisions, numbered without gaps.
        assertThat(store.jdbc()
                        .sql(
                                "select tree_size = last_sequence and last_sequence = (select max(sequence) from decisions)"
                                        + " from chain_head where id = 1")
                        .query(Boolean.class)
                        .single())
                .isTrue();

        // Right after that, a group looks its events up first: the retry is found without another refusal.
        WrittenDecision third = write(writer, List.of(first)).getFirst();
        assertThat(third.duplicate()).isTrue();
        assertThat(retried()).isEqualTo(1.0);
    }

    private ZoneWriter writer(ZoneStore store) {
        return stoppedAfterTheTest(new ZoneWriter(store, meters, Duration.ZERO));
    }

    private static List<WrittenDecision> write(ZoneWriter writer, List<PendingDecision> group) {
        return writer.submit(group)
                .orTimeout(30, java.util.concurrent.TimeUnit.SECONDS)
                .join();
    }

    private double retried() {
        return meters.get("consentinel.store.group.retried").counter().count();
    }

    private static long rows(ZoneStore store) {
        return store.jdbc()
                .sql("select count(*) from decisions where app_id = ?")
                .param(APP)
                .query(Long.class)
                .single();
    }

    private static PendingDecision decision() {
        return PlainDecisions.of(APP, "IN", "in");
    }
}
