package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests wait for their commit without a timeout of their own; their writer answers 503 those that have
 * waited too long, whether queued or in a group whose commit hangs, and leaves the rest waiting.
 */
class ZoneWriterOverdueTests extends ZoneWriterTest {

    private static final String APP = "zone-writer-overdue";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Holds the writer inside a group until released: a control store that hangs while it catches up. */
    private final CountDownLatch catchUpEntered = new CountDownLatch(1);

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseTheWriter() {
        release.countDown();
    }

    @Test
    void requestsWaitingLongerThanTheWaitAreAnsweredUnavailableAndNotWritten() throws Exception {
        OneHungOneQueued requests = oneHungOneQueued();

        requests.writer().answerOverdue(System.nanoTime() + WAIT.toNanos() + 1, WAIT);

        for (CompletableFuture<List<WrittenDecision>> answered : List.of(requests.hung(), requests.waiting())) {
            assertThat(answered).isCompletedExceptionally();
            assertThatThrownBy(answered::join)
                    .cause()
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessage("Zone store eu did not commit in time; retry");
        }
        release.countDown();
        // Written in order after the two: once it is committed, the writer has dealt with them.
        PendingDecision after = PlainDecisions.of(APP, "DE", "eu");
        requests.writer().submit(List.of(after)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(stored(requests.store(), requests.inTheHungGroup())).isZero();
        assertThat(stored(requests.store(), requests.queued())).isZero();
        assertThat(stored(requests.store(), after)).isOne();
    }

    @Test
    void requestsStillInTimeKeepWaitingAndAreWritten() throws Exception {
        OneHungOneQueued requests = oneHungOneQueued();

        requests.writer().answerOverdue(System.nanoTime(), WAIT);

        assertThat(requests.hung()).isNotDone();
        assertThat(requests.waiting()).isNotDone();
        release.countDown();
        assertThat(requests.hung().orTimeout(30, TimeUnit.SECONDS).join()).hasSize(1);
        assertThat(requests.waiting().orTimeout(30, TimeUnit.SECONDS).join()).hasSize(1);
        assertThat(stored(requests.store(), requests.inTheHungGroup())).isOne();
        assertThat(stored(requests.store(), requests.queued())).isOne();
    }

    @Test
    void awaitingAWriteToAStoreThatHangsEndsInUnavailableAfterTheWait() throws Exception {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriters writers = new ZoneWriters(
                stores,
                s -> s == store ? hangingWriter(s) : stoppedAfterTheTest(plainWriter(s)),
                Duration.ofMillis(300),
                Duration.ofMillis(50));
        try {
            long started = System.nanoTime();
            CompletableFuture<List<WrittenDecision>> write = writers.submit(store, List.of(needingACatchUp()));
            // Awaited apart, so that a writer that never answers fails this test instead of hanging it.
            CompletableFuture<List<WrittenDecision>> awaited =
                    CompletableFuture.supplyAsync(() -> ZoneWriters.await(store, write));

            assertThatThrownBy(() -> awaited.orTimeout(10, TimeUnit.SECONDS).join())
                    .cause()
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessage("Zone store eu did not commit in time; retry");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        } finally {
            writers.destroy();
        }
    }

    /** A request whose group hangs in its writer, and one queued behind it. */
    private record OneHungOneQueued(
            ZoneStore store,
            ZoneWriter writer,
            PendingDecision inTheHungGroup,
            CompletableFuture<List<WrittenDecision>> hung,
            PendingDecision queued,
            CompletableFuture<List<WrittenDecision>> waiting) {}

    private OneHungOneQueued oneHungOneQueued() throws InterruptedException {
        ZoneStore store = stores.byName("eu").orElseThrow();
        ZoneWriter writer = hangingWriter(store);
        PendingDecision inTheHungGroup = needingACatchUp();
        CompletableFuture<List<WrittenDecision>> hung = writer.submit(List.of(inTheHungGroup));
        assertThat(catchUpEntered.await(30, TimeUnit.SECONDS)).isTrue();
        PendingDecision queued = PlainDecisions.of(APP, "DE", "eu");
        return new OneHungOneQueued(store, writer, inTheHungGroup, hung, queued, writer.submit(List.of(queued)));
    }

    private ZoneWriter hangingWriter(ZoneStore store) {
        return stoppedAfterTheTest(new ZoneWriter(
                store, new SimpleMeterRegistry(), Duration.ZERO, new GroupLinger(0), () -> {
                    catchUpEntered.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
    }

    private static ZoneWriter plainWriter(ZoneStore store) {
        return new ZoneWriter(store, new SimpleMeterRegistry(), Duration.ZERO, new GroupLinger(0), () -> {});
    }

    /** A decision on cached data, so that its writer catches up (and hangs) before writing it. */
    private static PendingDecision needingACatchUp() {
        PendingDecision plain = PlainDecisions.of(APP, "DE", "eu");
        return new PendingDecision(plain.decision(), plain.storedAttributes(), plain.expiresAt(), () -> true);
    }
}
