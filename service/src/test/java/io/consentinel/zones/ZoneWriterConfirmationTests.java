package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A single event is decided on cached consent, policy and key without its request catching up with the
 * change log first. Its writer catches up once per group and writes only the decisions that still stand
 * (DecisionBasis); the rest are answered StaleDecision and written by nobody.
 */
class ZoneWriterConfirmationTests extends ZoneWriterTest {

    private static final String APP = "zone-writer-confirmation";

    @Test
    void aDecisionWhoseBasisChangedIsNotWrittenAndItsRequestIsToldSo() {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriter writer = writer(store, () -> {});
        PendingDecision stale = decidedOn(() -> false);
        PendingDecision current = decidedOn(() -> true);

        CompletableFuture<List<WrittenDecision>> refused = writer.submit(List.of(stale));
        CompletableFuture<List<WrittenDecision>> written = writer.submit(List.of(current));

        assertThatThrownBy(() -> refused.orTimeout(30, TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StaleDecision.class);
        assertThat(written.orTimeout(30, TimeUnit.SECONDS).join()).hasSize(1);
        assertThat(stored(store, stale)).isZero();
        assertThat(stored(store, current)).isOne();
    }

    @Test
    void theWriterCatchesUpBeforeItAsksWhetherADecisionStillStands() {
        ZoneStore store = stores.byName("eu").orElseThrow();
        // The change is "committed elsewhere" before the group is taken, and this node learns of it only
        // by catching up: a writer that asked first would write the decision.
        AtomicBoolean changeApplied = new AtomicBoolean();
        ZoneWriter writer = writer(store, () -> changeApplied.set(true));
        PendingDecision pending = decidedOn(() -> !changeApplied.get());

        CompletableFuture<List<WrittenDecision>> write = writer.submit(List.of(pending));

        assertThatThrownBy(() -> write.orTimeout(30, TimeUnit.SECONDS).join()).hasCauseInstanceOf(StaleDecision.class);
        assertThat(stored(store, pending)).isZero();
    }

    @Test
    void decisionsMadeAfterCatchingUpAreWrittenWithoutAnotherCatchUp() {
        ZoneStore store = stores.byName("eu").orElseThrow();
        AtomicInteger catchUps = new AtomicInteger();
        ZoneWriter writer = writer(store, catchUps::incrementAndGet);
        PendingDecision pending = PlainDecisions.of(APP, "DE", "eu");

        writer.submit(List.of(pending)).orTimeout(30, TimeUnit.SECONDS).join();

        assertThat(catchUps).hasValue(0);
        assertThat(stored(store, pending)).isOne();
    }

    @Test
    void withoutTheControlStoreNothingIsWrittenAndTheStoreIsUnavailable() {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriter writer = writer(store, () -> {
            throw new DataAccessResourceFailureException("control store down");
        });
        PendingDecision pending = decidedOn(() -> true);

        CompletableFuture<List<WrittenDecision>> write = writer.submit(List.of(pending));

        assertThatThrownBy(() -> write.orTimeout(30, TimeUnit.SECONDS).join())
                .hasCauseInstanceOf(StoreUnavailable.class)
                .cause()
                .hasMessageContaining("control store is unavailable");
        assertThat(stored(store, pending)).isZero();
    }

    private ZoneWriter writer(ZoneStore store, Runnable catchUp) {
        return stoppedAfterTheTest(
                new ZoneWriter(store, new SimpleMeterRegistry(), Duration.ZERO, new GroupLinger(0), catchUp));
    }

    private static PendingDecision decidedOn(DecisionBasis basis) {
        PendingDecision plain = PlainDecisions.of(APP, "DE", "eu");
        return new PendingDecision(plain.decision(), plain.storedAttributes(), plain.expiresAt(), basis);
    }
}
