package io.consentinel.zones;

import io.consentinel.control.StoreConnections;
import io.consentinel.transparency.tree.Frontier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one store's decisions by group commit. Requests from many threads queue here; a single worker
 * drains whatever is waiting into one transaction that locks the chain head (ordering sequences and the
 * log across every node writing to this store), skips events already decided (repeated in the group, or
 * stored before: see {@link #writeGroup(List)}), numbers the rest, writes decisions and events
 * ({@link DecisionWrites}), appends their leaves to the store's transparency log
 * ({@link ZoneLog}), records the group's receipt range ({@link ReceiptRanges}) and completes each request
 * only after the commit. Under load the worker lingers briefly
 * for more requests before committing ({@link GroupLinger}); a lone request is committed at once. An event
 * and its decision are therefore committed together or not at all, and a 200 follows a commit.
 *
 * <p>A group gives its connection up when the store stops answering for the silence limit
 * ({@link StoreConnections}); its requests are answered 503 and the next group runs on a fresh connection.
 *
 * <p>Before writing, the worker catches up with the control store's change log once for the whole group,
 * and leaves out every request decided on cached data that a change has since replaced
 * ({@link DecisionBasis}). Requests then need not each catch up before deciding.
 */
final class ZoneWriter {

    private static final Logger log = LoggerFactory.getLogger(ZoneWriter.class);
    static final int MAX_GROUP = 4000;
    /**
     * The longest a group waits for more requests under load (see {@link GroupLinger}); never at low load.
     * Under load the linger reaches this cap on every group, and each request waits it out. Side by side, a
     * 2 ms cap served 12 to 14% fewer single events than this one, for groups a third larger that saved no
     * CPU per event (docs/BENCHMARKS.md, 5 December 2026).
     */
    static final long MAX_LINGER_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * How long groups look their events up before writing, after the writer starts and after a group met an
     * event already stored. Retries come in bursts (after a restart, a timeout, an outage); the rest of the
     * time the unique constraint alone finds them, and a group no longer pays a lookup of every event.
     */
    static final Duration LOOK_UP_FIRST = Duration.ofSeconds(10);

    private final ZoneStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DecisionWrites writes;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Timer storeLatency;
    private final DistributionSummary groupSize;
    private final Thread worker;
    private final GroupLinger linger;
    private final Counter storedAgain;
    private final Counter decidedAgain;
    /** Brings this node's caches up to every change committed before the call (control.ControlClock). */
    private final Runnable catchUp;
    /** How long a group waits for the store to answer before it gives its connection up ({@link StoreConnections}). */
    private final Duration silenceLimit;
    /** Until when groups look up first; read and written by the worker only. */
    private long lookUpFirstUntil;

    private volatile boolean running = true;
    /** The group being committed, for {@link #answerOverdue}; written by the worker only. */
    private volatile List<Request> current = List.of();

    ZoneWriter(ZoneStore store, MeterRegistry meters, Runnable catchUp, Duration silenceLimit) {
        this(store, meters, LOOK_UP_FIRST, new GroupLinger(MAX_LINGER_NANOS), catchUp, silenceLimit);
    }

    /**
     * A writer that looks events up first for {@code lookUpFirstAtStart}, then only after a refused group;
     * for tests whose decisions are all {@link DecisionBasis#CAUGHT_UP}, so it never catches up.
     */
    ZoneWriter(ZoneStore store, MeterRegistry meters, Duration lookUpFirstAtStart) {
        this(store, meters, lookUpFirstAtStart, new GroupLinger(MAX_LINGER_NANOS), () -> {});
    }

    /** As above, with the linger and the catch-up given: tests train a linger to wait long enough to act during it. */
    ZoneWriter(
            ZoneStore store, MeterRegistry meters, Duration lookUpFirstAtStart, GroupLinger linger, Runnable catchUp) {
        this(store, meters, lookUpFirstAtStart, linger, catchUp, ZoneWriters.WAIT);
    }

    /** As above, giving up a group's connection after {@code silenceLimit} without an answer from the store. */
    ZoneWriter(
            ZoneStore store,
            MeterRegistry meters,
            Duration lookUpFirstAtStart,
            GroupLinger linger,
            Runnable catchUp,
            Duration silenceLimit) {
        this.store = store;
        this.silenceLimit = silenceLimit;
        this.linger = linger;
        this.catchUp = catchUp;
        this.lookUpFirstUntil = System.nanoTime() + lookUpFirstAtStart.toNanos();
        // The writer's own pool (ZoneStore.writes): officers' queries and exports cannot take its connection.
        this.jdbc = new JdbcTemplate(store.writes());
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(store.writes()));
        this.writes = new DecisionWrites(jdbc);
        this.storeLatency = Timer.builder("consentinel.store.latency")
                .description("Time to commit one group of decisions to a zone store")
                .tag("zone", store.name())
                .register(meters);
        this.groupSize = DistributionSummary.builder("consentinel.store.group.size")
                .description("Decisions committed per group commit")
                .tag("zone", store.name())
                .register(meters);
        this.storedAgain = Counter.builder("consentinel.store.group.retried")
                .description("Groups written again, looking their events up, because one was already stored")
                .tag("zone", store.name())
                .register(meters);
        this.decidedAgain = Counter.builder("consentinel.store.group.stale")
                .description("Requests left out of a group because data they were decided on changed elsewhere;"
                        + " they are decided again")
                .tag("zone", store.name())
                .register(meters);
        this.worker =
                Thread.ofPlatform().name("zone-writer-" + store.name()).daemon().start(this::run);
    }

    CompletableFuture<List<WrittenDecision>> submit(List<PendingDecision> decisions) {
        Request request = new Request(decisions, new CompletableFuture<>(), System.nanoTime());
        if (!running) {
            request.done().completeExceptionally(new IllegalStateException("zone writer stopped"));
        } else {
            queue.add(request);
        }
        return request.done();
    }

    void stop() {
        running = false;
        worker.interrupt();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (running) {
            try {
                group.add(queue.take());
                long wait = linger.nanos(1 + queue.size());
                int size = takeWaiting(group, group.getFirst().decisions().size());
                if (wait > 0 && size < MAX_GROUP) {
                    sleepThrough(wait);
                    takeWaiting(group, size);
                }
                long start = System.nanoTime();
                current = List.copyOf(group);
                List<Request> confirmed = confirmed(group);
                if (!confirmed.isEmpty()) {
                    commit(confirmed);
                }
                linger.committed(System.nanoTime() - start);
            } catch (InterruptedException e) {
                // Stopped while gathering: the requests taken so far are answered, not dropped.
                group.forEach(r -> r.done().completeExceptionally(new IllegalStateException("zone writer stopped")));
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // commit() completes every request itself; this only guards the loop against a bug.
                log.error("Zone writer {} failed unexpectedly", store.name(), e);
                group.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                group.clear();
                current = List.of();
            }
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("zone writer stopped"));
        }
    }

    /** Adds waiting requests to the group while it holds fewer than {@link #MAX_GROUP} decisions; its new size. */
    private int takeWaiting(List<Request> group, int size) {
        Request next;
        while (size < MAX_GROUP && (next = queue.poll()) != null) {
            group.add(next);
            size += next.decisions().size();
        }
        return size;
    }

    /**
     * Sleeps for the linger while the queue fills. Polling with a timeout gathered the same group, but woke
     * this thread for each request that arrived meanwhile, only to wait again, and made each of those
     * requests signal it. Side by side, sleeping served 5% more single events, about the spread between two
     * runs (docs/BENCHMARKS.md, 6 December 2026).
     */
    private static void sleepThrough(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Answers 503 every request that has waited longer than {@code wait} for its commit, queued or in the
     * group being committed (a store that hangs, or a backlog). Requests wait for their commit without a
     * timeout of their own: a timed wait on a virtual thread has the scheduler keep a timer per request, and
     * its timer thread took 3.7% of the service's CPU in single events (docs/BENCHMARKS.md, 6 December
     * 2026), where this check runs once a second for all of them ({@link ZoneWriters}). A request answered
     * while still queued is left out of its group; one answered during its commit may still be committed,
     * and its retry is then a duplicate, as before.
     */
    void answerOverdue(long now, Duration wait) {
        long waitNanos = wait.toNanos();
        for (Request request : current) {
            request.answerIfOverdue(now, waitNanos, store.name());
        }
        // The queue is in submission order: the first request still in time ends the walk. Those answered
        // leave it, so that a store that hangs for long does not fill it with requests nobody awaits.
        for (Iterator<Request> queued = queue.iterator(); queued.hasNext(); ) {
            Request request = queued.next();
            if (!request.answerIfOverdue(now, waitNanos, store.name())
                    && !request.done().isDone()) {
                return;
            }
            queued.remove();
        }
    }

    /**
     * The group's requests whose decisions still stand once this node has caught up with every change
     * committed before the group was taken (each request had arrived by then); the others are answered
     * {@link StaleDecision}. One catch-up serves the whole group, where each request used to make its own.
     * Requests already answered as overdue are left out.
     */
    private List<Request> confirmed(List<Request> group) {
        boolean allCaughtUp = true;
        boolean anyAnswered = false;
        for (Request request : group) {
            allCaughtUp &= request.caughtUp();
            anyAnswered |= request.done().isDone();
        }
        if (allCaughtUp && !anyAnswered) {
            return group;
        }
        if (!allCaughtUp) {
            try {
                catchUp.run();
            } catch (RuntimeException controlStoreDown) {
                log.warn(
                        "Zone writer {} could not catch up with the change log: {}",
                        store.name(),
                        controlStoreDown.getClass().getSimpleName());
                StoreUnavailable failure = new StoreUnavailable(
                        "The control store is unavailable, so the consent, policy and key these events were decided on"
                                + " could not be confirmed; nothing was written",
                        controlStoreDown);
                group.forEach(r -> r.done().completeExceptionally(failure));
                return List.of();
            }
        }
        List<Request> confirmed = new ArrayList<>(group.size());
        for (Request request : group) {
            if (request.done().isDone()) {
                continue; // answered as overdue: while queued, or while the catch-up hung
            }
            if (request.stillCurrent()) {
                confirmed.add(request);
            } else {
                decidedAgain.increment();
                request.done().completeExceptionally(new StaleDecision());
            }
        }
        return confirmed;
    }

    /** One transaction for the group; if it fails for a reason other than the store being down, each request is retried alone so one bad request cannot fail the others. */
    private void commit(List<Request> group) {
        try {
            Map<Request, List<WrittenDecision>> written = storeLatency.record(() -> writeGroup(group));
            written.forEach((request, results) -> request.done().complete(results));
        } catch (RuntimeException failure) {
            if (StoreConnections.lost(failure)) {
                log.warn(
                        "Zone store {} is unreachable or stopped answering: {}",
                        store.name(),
                        failure.getClass().getSimpleName());
                StoreUnavailable unavailable = unavailable(failure);
                group.forEach(r -> r.done().completeExceptionally(unavailable));
                return;
            }
            if (group.size() == 1) {
                log.warn(
                        "Zone store {} refused a group: {}",
                        store.name(),
                        failure.getClass().getSimpleName());
                group.getFirst().done().completeExceptionally(failure);
                return;
            }
            for (Request request : group) {
                commit(List.of(request));
            }
        }
    }

    /**
     * What a lost store tells the group's requests. Without a connection nothing was written; with one lost
     * mid-write, perhaps during the commit, the events may be stored, and a retry finds them.
     */
    private StoreUnavailable unavailable(RuntimeException failure) {
        if (failure instanceof CannotCreateTransactionException) {
            return StoreUnavailable.nothingWritten(store.name(), failure);
        }
        return new StoreUnavailable(
                "Zone store " + store.name() + " stopped answering during the write, so these events may or may not"
                        + " be stored; retrying the same request is safe, and answers stored events with duplicate: true",
                failure);
    }

    /**
     * Writes the group relying on the unique constraint to find events already stored, or, while retries are
     * likely, looking them up first. When the constraint finds one, the whole transaction has rolled back
     * and the group is written again with the lookup: nothing of the first attempt remains.
     */
    private Map<Request, List<WrittenDecision>> writeGroup(List<Request> group) {
        if (System.nanoTime() - lookUpFirstUntil < 0) {
            return writeGroup(group, true);
        }
        try {
            return writeGroup(group, false);
        } catch (DuplicateKeyException storedBefore) {
            storedAgain.increment();
            lookUpFirstUntil = System.nanoTime() + LOOK_UP_FIRST.toNanos();
            return writeGroup(group, true);
        }
    }

    private Map<Request, List<WrittenDecision>> writeGroup(List<Request> group, boolean lookUpFirst) {
        return StoreConnections.inTransaction(transactions, jdbc, silenceLimit, () -> {
            ZoneLog.Head head = ZoneLog.Head.lock(jdbc);
            Frontier tree = head.tree();
            long treeBefore = tree.size();
            if (tree.size() < head.lastSequence()) {
                ZoneLog.catchUp(jdbc, tree, head.lastSequence());
            }
            Map<EventKey, DecisionRecord> decided = lookUpFirst ? existing(group) : new HashMap<>();
            List<PendingDecision> fresh = new ArrayList<>();
            List<DecisionRecord> chained = new ArrayList<>();
            long sequence = head.lastSequence();
            // Keyed by identity: a Request record's own hashCode would hash every decision and attribute tree.
            Map<Request, List<WrittenDecision>> results = new IdentityHashMap<>();
            for (Request request : group) {
                List<WrittenDecision> written =
                        new ArrayList<>(request.decisions().size());
                for (PendingDecision pending : request.decisions()) {
                    DecisionRecord earlier = decided.get(pending.key());
                    if (earlier != null) {
                        written.add(new WrittenDecision(earlier, true));
                        continue;
                    }
                    sequence++;
                    DecisionRecord linked = pending.decision().withSequence(sequence);
                    decided.put(pending.key(), linked);
                    fresh.add(pending);
                    chained.add(linked);
                    written.add(new WrittenDecision(linked, false));
                }
                results.put(request, written);
            }
            if (!chained.isEmpty()) {
                writes.write(fresh, chained);
                ZoneLog.append(jdbc, tree, chained);
                ReceiptRanges.record(jdbc, chained);
                jdbc.update(
                        "update chain_head set last_sequence = ?, tree_size = ?, tree_frontier = ? where id = 1",
                        sequence,
                        tree.size(),
                        tree.packed());
            } else if (tree.size() != treeBefore) {
                head.moveTree(jdbc);
            }
            groupSize.record(chained.size());
            return results;
        });
    }

    /** Decisions already committed for these events. Under the chain-head lock no other writer can add one meanwhile. */
    private Map<EventKey, DecisionRecord> existing(List<Request> group) {
        List<String> apps = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Request request : group) {
            for (PendingDecision pending : request.decisions()) {
                apps.add(pending.decision().appId());
                ids.add(pending.decision().eventId());
            }
        }
        Map<EventKey, DecisionRecord> found = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement select = connection.prepareStatement("select " + DecisionRows.COLUMNS
                            + " from decisions where (app_id, event_id) in"
                            + " (select * from unnest(?::text[], ?::uuid[]))");
                    select.setArray(1, connection.createArrayOf("text", apps.toArray()));
                    select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                    return select;
                },
                (java.sql.ResultSet rs) -> {
                    DecisionRecord record = new DecisionRows().mapRow(rs, 0);
                    found.put(EventKey.of(record), record);
                });
        return found;
    }

    private record Request(
            List<PendingDecision> decisions, CompletableFuture<List<WrittenDecision>> done, long submittedAt) {

        /** Whether this call answered it: it was still waiting, {@code wait} after its submission. */
        boolean answerIfOverdue(long now, long wait, String store) {
            return now - submittedAt > wait
                    && done.completeExceptionally(new StoreUnavailable(
                            "Zone store " + store + " did not commit in time; retry", new TimeoutException()));
        }

        boolean caughtUp() {
            for (PendingDecision pending : decisions) {
                if (pending.basis() != DecisionBasis.CAUGHT_UP) {
                    return false;
                }
            }
            return true;
        }

        boolean stillCurrent() {
            for (PendingDecision pending : decisions) {
                if (!pending.basis().stillCurrent()) {
                    return false;
                }
            }
            return true;
        }
    }
}
