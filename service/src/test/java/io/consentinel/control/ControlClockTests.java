package io.consentinel.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** Shared clock reads: fewer reads under concurrency, and never a stale answer. */
class ControlClockTests {

    /** The control store, simulated: a committed version and a change log of one consent change per version. */
    static final class SimulatedClock extends ControlClock {
        final AtomicLong committed = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();
        final long readMillis;

        SimulatedClock(CachedChanges cache, long readMillis) {
            super(null, providerOf(cache));
            this.readMillis = readMillis;
        }

        @Override
        long readVersion() {
            reads.incrementAndGet();
            // The statement's snapshot is taken when it starts, then the answer takes a while to come back.
            long version = committed.get();
            sleep(readMillis);
            return version;
        }

        @Override
        List<Change> changes(long after, long upTo) {
            List<Change> changes = new ArrayList<>();
            for (long v = after + 1; v <= upTo; v++) {
                changes.add(new Change(v, ChangeKind.CONSENT, "subject-" + v));
            }
            return changes;
        }

        private static org.springframework.beans.factory.ObjectProvider<CachedChanges> providerOf(CachedChanges cache) {
            DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
            beans.registerSingleton("cache", cache);
            return beans.getBeanProvider(CachedChanges.class);
        }
    }

    static final class RecordingCache implements CachedChanges {
        final Set<String> evicted = ConcurrentHashMap.newKeySet();

        @Override
        public ChangeKind kind() {
            return ChangeKind.CONSENT;
        }

        @Override
        public void evict(String subject) {
            evicted.add(subject);
        }

        @Override
        public void evictAll() {
            throw new AssertionError("the log covers every version");
        }
    }

    @Test
    void everyChangeCommittedBeforeACallIsAppliedWhenItReturns() throws Exception {
        RecordingCache cache = new RecordingCache();
        SimulatedClock clock = new SimulatedClock(cache, 1);
        clock.catchUp(); // the first read only sets the starting point
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        long version = clock.committed.incrementAndGet(); // committed on "another node"
                        clock.catchUp();
                        assertThat(clock.seen()).isGreaterThanOrEqualTo(version);
                        assertThat(cache.evicted).contains("subject-" + version);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(clock.reads.get()).isLessThan(1 + 16 * 40);
    }

    @Test
    void concurrentCallersShareReads() throws Exception {
        SimulatedClock clock = new SimulatedClock(new RecordingCache(), 50);
        int callers = 32;
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < callers; t++) {
                done.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    clock.catchUp();
                    return null;
                }));
            }
            ready.await();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        // One read for the first caller, one for everyone who arrived while it was in flight; a few
        // stragglers on a busy machine may need another. Without sharing it would be 32.
        assertThat(clock.reads.get()).isBetween(2, 6);
    }

    @Test
    void aReadThatStartedBeforeACallDoesNotAnswerIt() throws Exception {
        RecordingCache cache = new RecordingCache();
        SimulatedClock clock = new SimulatedClock(cache, 100);
        clock.catchUp();
        Thread early = Thread.ofPlatform().start(clock::catchUp); // its read takes the snapshot at once
        sleep(30);
        long version = clock.committed.incrementAndGet(); // committed while that read is in flight
        clock.catchUp();
        assertThat(clock.seen()).isGreaterThanOrEqualTo(version);
        assertThat(cache.evicted).contains("subject-" + version);
        early.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
