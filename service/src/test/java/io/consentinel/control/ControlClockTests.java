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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** Shared clock reads: fewer reads under concurrency, and never a stale answer. */
class ControlClockTests {

    /**
     * The control store, simulated: each committed change is one transaction of its own, committed in id
     * order, so a snapshot has nothing in flight and its xmax is the next transaction id.
     * {@link ChangeLogReadProperties} covers transactions that commit out of order.
     */
    static final class SimulatedClock extends ControlClock {
        final AtomicLong committed = new AtomicLong();
        final AtomicInteger reads = new AtomicInteger();
        final long readMillis;
        /** Signalled when a held read has taken its snapshot; the read then waits for its release. */
        final CountDownLatch snapshotTaken = new CountDownLatch(1);

        private volatile CountDownLatch held;

        SimulatedClock(CachedChanges cache, long readMillis) {
            super(null, providerOf(cache), System::nanoTime);
            this.readMillis = readMillis;
        }

        @Override
        Read read(String previous) {
            reads.incrementAndGet();
            // The statement's snapshot is taken when it starts, then the answer takes a while to come back.
            long version = committed.get();
            CountDownLatch release = held;
            if (release != null) {
                held = null;
                snapshotTaken.countDown();
                await(release);
            } else {
                sleep(readMillis);
            }
            long xmax = version + 1;
            List<Change> changes = new ArrayList<>();
            if (previous != null) {
                long seen = Long.parseLong(previous.split(":")[1]);
                for (long v = Math.max(1, seen); v <= version; v++) {
                    changes.add(new Change(v, ChangeKind.CONSENT, "subject-" + v));
                }
            }
            return new Read(xmax + ":" + xmax + ":", changes);
        }

        /** Holds the next read in flight, after its snapshot, until the returned latch is counted down. */
        CountDownLatch holdNextRead() {
            CountDownLatch release = new CountDownLatch(1);
            held = release;
            return release;
        }
    }

    static org.springframework.beans.factory.ObjectProvider<CachedChanges> providerOf(CachedChanges cache) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("cache", cache);
        return beans.getBeanProvider(CachedChanges.class);
    }

    static class RecordingCache implements CachedChanges {
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
        SimulatedClock clock = new SimulatedClock(new RecordingCache(), 0);
        CountDownLatch release = clock.holdNextRead();
        List<Thread> arrivals = new ArrayList<>();
        try {
            Thread first = Thread.ofPlatform().daemon().start(clock::catchUp);
            awaitSnapshot(clock);
            // 31 more callers arrive while the first one's read is in flight, and queue behind it.
            for (int t = 0; t < 31; t++) {
                arrivals.add(Thread.ofPlatform().daemon().start(clock::catchUp));
            }
            for (Thread arrival : arrivals) {
                awaitWaiting(arrival);
            }
            arrivals.add(first);
        } finally {
            release.countDown();
        }
        for (Thread arrival : arrivals) {
            arrival.join();
        }
        // The read in flight started before they arrived, so it cannot answer them; one more read, made by
        // whichever of them goes first, answers them all. Without sharing it would be 32.
        assertThat(clock.reads.get()).isEqualTo(2);
    }

    @Test
    void aReadThatStartedBeforeACallDoesNotAnswerIt() throws Exception {
        RecordingCache cache = new RecordingCache();
        SimulatedClock clock = new SimulatedClock(cache, 0);
        clock.catchUp();
        CountDownLatch release = clock.holdNextRead();
        Thread early;
        Thread late;
        long version;
        try {
            early = Thread.ofPlatform().daemon().start(clock::catchUp);
            awaitSnapshot(clock); // the early read has its snapshot and is in flight
            version = clock.committed.incrementAndGet(); // committed while that read is in flight
            late = Thread.ofPlatform().daemon().start(clock::catchUp);
            awaitWaiting(late); // the late call waits behind the read in flight
        } finally {
            release.countDown();
        }
        early.join();
        late.join();
        assertThat(cache.evicted).contains("subject-" + version);
        assertThat(clock.reads.get()).isEqualTo(3);
    }

    @Test
    void aNodeThatHasNotReadForHalfADayClearsEveryCache() {
        AtomicLong now = new AtomicLong();
        AtomicInteger cleared = new AtomicInteger();
        CachedChanges cache = new RecordingCache() {
            @Override
            public void evictAll() {
                cleared.incrementAndGet();
            }
        };
        ControlClock clock = new ControlClock(null, providerOf(cache), now::get) {
            @Override
            Read read(String previous) {
                return new Read("100:100:", List.of());
            }
        };
        clock.catchUp();
        now.addAndGet(ControlClock.STALE_AFTER.toNanos());
        clock.catchUp();
        assertThat(cleared).as("read again within the window").hasValue(0);
        now.addAndGet(ControlClock.STALE_AFTER.toNanos() + 1);
        clock.catchUp();
        // Entries it never saw may have been pruned meanwhile.
        assertThat(cleared).hasValue(1);
    }

    @Test
    void anEntryWithoutASubjectClearsItsKindsCache() {
        AtomicInteger cleared = new AtomicInteger();
        CachedChanges cache = new RecordingCache() {
            @Override
            public void evictAll() {
                cleared.incrementAndGet();
            }
        };
        AtomicInteger reads = new AtomicInteger();
        ControlClock clock = new ControlClock(null, providerOf(cache), System::nanoTime) {
            @Override
            Read read(String previous) {
                return reads.incrementAndGet() == 1
                        ? new Read("100:100:", List.of())
                        : new Read("101:101:", List.of(new Change(7, ChangeKind.CONSENT, null)));
            }
        };
        long generation = clock.generation();
        clock.catchUp();
        clock.catchUp();
        assertThat(cleared).hasValue(1);
        assertThat(clock.generation()).isGreaterThan(generation);
    }

    @Test
    void aReadWithManyEntriesEvictsEachWithoutLookingTheCachesUpOnceTheContextIsReady() {
        RecordingCache cache = new RecordingCache();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory() {
            @Override
            public String[] getBeanNamesForType(
                    org.springframework.core.ResolvableType type,
                    boolean includeNonSingletons,
                    boolean allowEagerInit) {
                lookups.incrementAndGet();
                return super.getBeanNamesForType(type, includeNonSingletons, allowEagerInit);
            }
        };
        beans.registerSingleton("cache", cache);
        List<ControlClock.Change> group = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            group.add(new ControlClock.Change(i, ChangeKind.CONSENT, "subject-" + i));
        }
        AtomicInteger reads = new AtomicInteger();
        ControlClock clock = new ControlClock(null, beans.getBeanProvider(CachedChanges.class), System::nanoTime) {
            @Override
            Read read(String previous) {
                return reads.incrementAndGet() == 1 ? new Read("100:100:", List.of()) : new Read("101:101:", group);
            }
        };
        clock.afterSingletonsInstantiated();
        clock.catchUp();
        lookups.set(0);

        clock.catchUp();

        assertThat(cache.evicted).hasSize(12);
        // A lookup per entry was a bean-factory search per consent record (docs/BENCHMARKS.md).
        assertThat(lookups).hasValue(0);
    }

    private final AtomicInteger lookups = new AtomicInteger();

    /** Bounded only so that a broken clock fails the test instead of hanging it. */
    private static void awaitSnapshot(SimulatedClock clock) throws InterruptedException {
        assertThat(clock.snapshotTaken.await(30, TimeUnit.SECONDS))
                .as("the held read started")
                .isTrue();
    }

    /** Until the thread is parked (on the clock's read lock: catchUp has no other wait). */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(thread.isAlive())
                    .as("%s returned before waiting", thread)
                    .isTrue();
            assertThat(System.nanoTime()).as("%s waiting", thread).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
