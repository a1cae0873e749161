package io.consentinel.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A single event is decided on cached data without catching up first; its zone writer catches up once for
 * the group and writes the decision only if the cache still holds the very entry it was decided on
 * (docs/DESIGN.md, "Confirmed before commit"). For any interleaving of changes, catch-ups, cache fills
 * (including changes and catch-ups between a fill's read and its store), room evictions, decisions and
 * confirmations, a confirmed decision is never made on data older than a change committed before its
 * request arrived, and a decision made again after a catch-up never is either.
 *
 * <p>The model is the clock's own code ({@link ControlClock#catchUp}, {@link ControlClock#fill}) over a
 * store whose changes commit one at a time, so its reads can number them; {@code ChangeLogReadProperties}
 * covers reads under concurrent, unordered commits.
 */
class ConfirmedBeforeCommitProperties {

    private static final List<String> SUBJECTS = List.of("s0", "s1", "s2");

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void noConfirmedDecisionIsOlderThanAChangeCommittedBeforeItsRequestArrived(long seed) {
        Model model = new Model(new Random(seed));
        model.clock.catchUp(); // as at start-up: nothing is cached before the first read
        for (int step = 0; step < 400; step++) {
            int op = model.random.nextInt(10);
            if (op < 3) {
                model.commitChange(model.anySubject());
            } else if (op < 4) {
                model.clock.catchUp(); // another request's read
            } else if (op < 5) {
                model.cache.entries.remove(model.anySubject()); // dropped for room
            } else if (op < 8) {
                model.arriveAndDecide(model.anySubject());
            } else {
                model.confirmGroup();
            }
        }
        model.confirmGroup();
        assertThat(model.confirmed).as("decisions confirmed in this run").isPositive();
    }

    /** A subject's ledger as one cached object: the version of the store it was read from. */
    record Entry(int version) {}

    /** A request decided and waiting for its writer: what it saw, what was committed when it arrived. */
    record Pending(String subject, int decidedOn, int committedAtArrival, BooleanSupplier basis) {}

    static final class Model {
        final Random random;
        final Map<String, Integer> committed = new HashMap<>();
        final List<String> log = new ArrayList<>();
        final VersionCache cache = new VersionCache();
        final ControlClock clock;
        final List<Pending> queued = new ArrayList<>();
        int confirmed;

        Model(Random random) {
            this.random = random;
            this.clock = new ControlClock(null, ControlClockTests.providerOf(cache), System::nanoTime) {
                @Override
                Read read(String previous) {
                    // Commits happen one at a time here, so a count of them is a valid snapshot.
                    int from = previous == null ? log.size() : Integer.parseInt(previous);
                    List<Change> unseen = new ArrayList<>();
                    for (int i = from; i < log.size(); i++) {
                        unseen.add(new Change(i + 1, ChangeKind.CONSENT, log.get(i)));
                    }
                    return new Read(String.valueOf(log.size()), unseen);
                }
            };
        }

        String anySubject() {
            return SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        }

        /** A consent record for the subject, with its change-log entry, committed in one transaction. */
        void commitChange(String subject) {
            committed.merge(subject, 1, Integer::sum);
            log.add(subject);
        }

        int version(String subject) {
            return committed.getOrDefault(subject, 0);
        }

        void arriveAndDecide(String subject) {
            int atArrival = version(subject);
            Entry hit = cache.entries.get(subject);
            if (hit != null) {
                queued.add(new Pending(subject, hit.version(), atArrival, () -> cache.entries.get(subject) == hit));
                return;
            }
            // A miss reads the store after the request arrived, so its view needs no confirmation; its fill may
            // still race with changes and catch-ups between the read and the store.
            Entry read = clock.fill(
                    () -> {
                        Entry loaded = new Entry(version(subject));
                        meanwhile(subject);
                        return loaded;
                    },
                    loaded -> cache.entries.put(subject, loaded));
            queued.add(new Pending(subject, read.version(), atArrival, () -> true));
        }

        /** What may happen between a fill's read of the store and its store into the cache. */
        private void meanwhile(String subject) {
            if (random.nextBoolean()) {
                commitChange(subject);
            }
            if (random.nextBoolean()) {
                clock.catchUp();
            }
        }

        /** A zone writer: every queued request has arrived; catch up once, then write what still stands. */
        void confirmGroup() {
            List<Pending> group = List.copyOf(queued);
            queued.clear();
            clock.catchUp();
            for (Pending pending : group) {
                if (pending.basis().getAsBoolean()) {
                    assertThat(pending.decidedOn())
                            .as("a confirmed decision for %s", pending.subject())
                            .isGreaterThanOrEqualTo(pending.committedAtArrival());
                    confirmed++;
                } else {
                    decideAgain(pending);
                }
            }
        }

        /** The request thread, told its decision was stale: it catches up, as on arrival, and decides again. */
        private void decideAgain(Pending stale) {
            clock.catchUp();
            Entry hit = cache.entries.get(stale.subject());
            int decidedOn = hit != null
                    ? hit.version()
                    : clock.fill(
                                    () -> new Entry(version(stale.subject())),
                                    loaded -> cache.entries.put(stale.subject(), loaded))
                            .version();
            assertThat(decidedOn)
                    .as("a decision made again for %s", stale.subject())
                    .isGreaterThanOrEqualTo(stale.committedAtArrival());
        }
    }

    static final class VersionCache implements CachedChanges {
        final Map<String, Entry> entries = new HashMap<>();

        @Override
        public ChangeKind kind() {
            return ChangeKind.CONSENT;
        }

        @Override
        public void evict(String subject) {
            entries.remove(subject);
        }

        @Override
        public void evictAll() {
            entries.clear();
        }
    }
}
