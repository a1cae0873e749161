package io.consentinel.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The change log is read against the previous read's snapshot, not by a counter: each read asks for the
 * entries of transactions that snapshot saw running ({@code xip}) or had not started ({@code xid >= xmax}),
 * as the clock's SQL does. For any interleaving of writers (transaction ids taken at the first write,
 * commits and aborts in any order) and reads, every entry committed before a read is applied by it, and
 * none is applied twice.
 */
class ChangeLogReadProperties {

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyEntryCommittedBeforeAReadIsAppliedExactlyOnce(long seed) {
        Random random = new Random(seed);
        SimulatedStore store = new SimulatedStore();
        CountingCache cache = new CountingCache();
        ControlClock clock = new SimulatedStoreClock(store, cache);
        List<Transaction> open = new ArrayList<>();
        Set<Long> visibleAtFirstRead = null;
        for (int step = 0; step < 300; step++) {
            int op = random.nextInt(10);
            if (op < 2 || open.isEmpty()) {
                open.add(new Transaction());
            } else if (op < 5) {
                store.write(open.get(random.nextInt(open.size())));
            } else if (op < 7) {
                Transaction done = open.remove(random.nextInt(open.size()));
                if (random.nextInt(8) == 0) {
                    store.abort(done);
                } else {
                    store.commit(done);
                }
            } else {
                clock.catchUp();
                if (visibleAtFirstRead == null) {
                    // Nothing was cached before the first read, so what it saw needs no eviction.
                    visibleAtFirstRead = new HashSet<>(store.committedIds());
                }
                for (long id : store.committedIds()) {
                    if (!visibleAtFirstRead.contains(id)) {
                        assertThat(cache.evictions)
                                .as("entry %d, committed before this read", id)
                                .containsKey("subject-" + id);
                    }
                }
            }
        }
        assertThat(cache.evictions.values()).allMatch(count -> count == 1);
    }

    /** A writer; it takes a transaction id at its first write, as PostgreSQL assigns one. */
    static final class Transaction {
        long xid = -1;
        final List<ControlClock.Change> written = new ArrayList<>();
    }

    /** PostgreSQL's visibility, reduced to what the clock relies on. */
    static final class SimulatedStore {
        private long nextXid = 1000;
        private long nextId = 1;
        private final Set<Transaction> running = new HashSet<>();
        private final List<ControlClock.Change> committed = new ArrayList<>();
        private final Map<Long, Long> xidOf = new HashMap<>();

        void write(Transaction transaction) {
            if (transaction.xid < 0) {
                transaction.xid = nextXid++;
                running.add(transaction);
            }
            long id = nextId++;
            xidOf.put(id, transaction.xid);
            transaction.written.add(new ControlClock.Change(id, ChangeKind.CONSENT, "subject-" + id));
        }

        void commit(Transaction transaction) {
            committed.addAll(transaction.written);
            running.remove(transaction);
        }

        void abort(Transaction transaction) {
            running.remove(transaction);
        }

        List<Long> committedIds() {
            return committed.stream().map(ControlClock.Change::id).toList();
        }

        /**
         * One statement: its snapshot, written as PostgreSQL writes one ({@code xmin:xmax:xip,...}), and the
         * committed entries that {@code previous} could not see.
         */
        ControlClock.Read read(String previous) {
            List<Long> inFlight = running.stream().map(t -> t.xid).sorted().toList();
            long xmin = inFlight.isEmpty() ? nextXid : inFlight.getFirst();
            String snapshot = xmin + ":" + nextXid + ":"
                    + String.join(",", inFlight.stream().map(String::valueOf).toList());
            if (previous == null) {
                return new ControlClock.Read(snapshot, List.of());
            }
            String[] parts = previous.split(":", -1);
            long previousXmax = Long.parseLong(parts[1]);
            Set<Long> previousInFlight = new HashSet<>();
            for (String xid : parts[2].split(",")) {
                if (!xid.isEmpty()) {
                    previousInFlight.add(Long.parseLong(xid));
                }
            }
            List<ControlClock.Change> unseen = committed.stream()
                    .filter(change ->
                            xidOf.get(change.id()) >= previousXmax || previousInFlight.contains(xidOf.get(change.id())))
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .toList();
            return new ControlClock.Read(snapshot, unseen);
        }
    }

    static final class SimulatedStoreClock extends ControlClock {
        private final SimulatedStore store;

        SimulatedStoreClock(SimulatedStore store, CachedChanges cache) {
            super(null, ControlClockTests.providerOf(cache), System::nanoTime);
            this.store = store;
        }

        @Override
        Read read(String previous) {
            return store.read(previous);
        }
    }

    static final class CountingCache implements CachedChanges {
        final Map<String, Integer> evictions = new HashMap<>();

        @Override
        public ChangeKind kind() {
            return ChangeKind.CONSENT;
        }

        @Override
        public void evict(String subject) {
            evictions.merge(subject, 1, Integer::sum);
        }

        @Override
        public void evictAll() {
            throw new AssertionError("no read was stale");
        }
    }
}
