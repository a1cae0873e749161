package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Under load the writer lingers before it commits a group (GroupLinger). Requests that arrive meanwhile join
 * that group, and a request it has taken is answered even when the writer stops in the middle of a linger.
 * The linger here is trained as a deep backlog would train it, so that the first groups wait the whole cap.
 */
class ZoneWriterLingerTests extends ZoneWriterTest {

    private static final String APP = "zone-writer-linger";

    @Test
    void requestsThatArriveWhileTheWriterLingersAreCommittedInItsGroup() throws InterruptedException {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriter writer = writer(store, lingering(Duration.ofMillis(500)));

        CompletableFuture<List<WrittenDecision>> first = writer.submit(List.of(decision()));
        Thread.sleep(100); // the writer has taken the first request and lingers
        CompletableFuture<List<WrittenDecision>> second = writer.submit(List.of(decision()));
        CompletableFuture<List<WrittenDecision>> third = writer.submit(List.of(decision(), decision()));

        long sequence = sequenceOf(first);
        assertThat(sequenceOf(second)).isEqualTo(sequence + 1);
        assertThat(third.orTimeout(30, TimeUnit.SECONDS).join())
                .extracting(written -> written.decision().sequence())
                .containsExactly(sequence + 2, sequence + 3);
        // One group, so one receipt range covers all four.
        assertThat(store.jdbc()
                        .sql("select count(*) from receipt_ranges where first_sequence = ? and last_sequence = ?")
                        .params(sequence, sequence + 3)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void aRequestTakenIntoALingeringGroupIsRefusedWhenTheWriterStopsAndNothingOfItIsWritten()
            throws InterruptedException {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriter writer = writer(store, lingering(Duration.ofSeconds(60)));
        PendingDecision pending = decision();

        CompletableFuture<List<WrittenDecision>> write = writer.submit(List.of(pending));
        Thread.sleep(200); // taken into a group that would wait a minute for company
        writer.stop();

        assertThatThrownBy(() -> write.orTimeout(5, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("zone writer stopped");
        assertThat(store.jdbc()
                        .sql("select count(*) from decisions where app_id = ? and event_id = ?")
                        .params(APP, pending.decision().eventId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A linger that has seen a deep backlog and slow commits: its next groups wait {@code cap} each. */
    private static GroupLinger lingering(Duration cap) {
        GroupLinger linger = new GroupLinger(cap.toNanos());
        linger.committed(cap.toNanos() * 100);
        for (int i = 0; i < 50; i++) {
            linger.nanos(64);
        }
        return linger;
    }

    private ZoneWriter writer(ZoneStore store, GroupLinger linger) {
        return stoppedAfterTheTest(new ZoneWriter(store, new SimpleMeterRegistry(), Duration.ZERO, linger, () -> {}));
    }

    private static long sequenceOf(CompletableFuture<List<WrittenDecision>> write) {
        return write.orTimeout(30, TimeUnit.SECONDS)
                .join()
                .getFirst()
                .decision()
                .sequence();
    }

    private static PendingDecision decision() {
        return PlainDecisions.of(APP, "DE", "eu");
    }
}
