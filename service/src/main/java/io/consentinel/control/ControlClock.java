package io.consentinel.control;

import io.consentinel.ConsentinelProperties;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes node-local caches safe behind a load balancer. Every request first reads the control store's
 * change log (one indexed read) and evicts what the new entries name. So a consent record, policy or key
 * revocation committed on any node applies to the very next request on every node, which an asynchronous
 * notification could not promise. (A single event's zone writer reads for it instead, once per group, and
 * writes only decisions whose cached data survived the read: zones.DecisionBasis.)
 *
 * <p>Writers do not serialise: an entry is numbered by a sequence and carries its transaction's id
 * ({@code xid8}). Sequence numbers are not handed out in commit order, so a reader cannot keep a high-water
 * mark of them. It keeps its last read's snapshot instead ({@code pg_current_snapshot()}), and next time
 * reads exactly the entries that snapshot could not see: those of transactions still running then (its
 * {@code xip} list) or started after it (at or above its {@code xmax}). docs/DESIGN.md gives the proof.
 *
 * <p>Concurrent requests share reads. A request waits for a read that <em>started after it arrived</em>
 * and uses that result, so it still sees every change committed before it arrived; under load one read
 * serves all the requests that arrived while the previous read was in flight.
 *
 * <p>A cache fill races with eviction: a value read before a change commits could be stored after the
 * change was applied. {@link #fill} therefore only stores a value when no change was applied while it
 * was being loaded.
 */
@Component
public class ControlClock implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ControlClock.class);
    /** Entries are pruned after a day; a node that has not read for this long may have missed some. */
    static final Duration STALE_AFTER = Duration.ofHours(12);

    private final JdbcClient jdbc;
    private final JdbcClient reads;
    private final ObjectProvider<CachedChanges> caches;
    /** Every cache, once the context has made them all; until then they are looked up per read. */
    private volatile List<CachedChanges> resolvedCaches;

    private final LongSupplier nanoTime;
    private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();
    /** Bumped whenever a read evicted something; a fill that saw it move does not store its value. */
    private volatile long generation;
    /** One read at a time; whoever holds it reads, and applies the result, for everyone waiting. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Reads are numbered in the order they start; the number is taken before the query is sent. */
    private final AtomicLong readsStarted = new AtomicLong();
    /** The number of the last read whose result has been applied. Guarded by {@link #reading}. */
    private long readsApplied;
    /** The last applied read's snapshot, as PostgreSQL writes one; null before the first. Guarded by {@link #reading}. */
    private String snapshot;
    /** When that read was made ({@link System#nanoTime}). Guarded by {@link #reading}. */
    private long snapshotReadAt;

    @Autowired
    ControlClock(
            JdbcClient jdbc,
            DataSource dataSource,
            ConsentinelProperties properties,
            ObjectProvider<CachedChanges> caches) {
        this(
                jdbc,
                // Every request, and each zone writer's group, waits for this read: it must not hang on a
                // connection the network dropped.
                JdbcClient.create(StoreConnections.silenceLimited(dataSource, properties.storeSilenceLimit())),
                caches,
                System::nanoTime);
    }

    ControlClock(JdbcClient jdbc, ObjectProvider<CachedChanges> caches, LongSupplier nanoTime) {
        this(jdbc, jdbc, caches, nanoTime);
    }

    /** {@code reads} serves the change-log reads, {@code jdbc} the entries written in a caller's transaction. */
    ControlClock(JdbcClient jdbc, JdbcClient reads, ObjectProvider<CachedChanges> caches, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.caches = caches;
        this.nanoTime = nanoTime;
    }

    /**
     * Brings this node's caches up to every change committed, on any node, before this call. Concurrent
     * callers share one read, but only a read that started after they called.
     */
    public void catchUp() {
        // Every read numbered above this sends its query after this point, so it sees every change
        // committed before this request arrived.
        long needed = readsStarted.get() + 1;
        reading.lock();
        try {
            if (readsApplied >= needed) {
                return; // such a read was made and applied while this request waited
            }
            long read = readsStarted.incrementAndGet();
            long readAt = nanoTime.getAsLong();
            apply(read(snapshot), readAt);
            readsApplied = read;
        } finally {
            reading.unlock();
        }
    }

    /**
     * This statement's snapshot and every entry that {@code previous} could not see: written by a
     * transaction in its {@code xip} list or at or above its {@code xmax}. One statement, so one snapshot
     * answers both. With no previous snapshot, only the snapshot: nothing is cached before the first read.
     */
    Read read(String previous) {
        if (previous == null) {
            return new Read(
                    reads.sql("select pg_current_snapshot()::text")
                            .query(String.class)
                            .single(),
                    List.of());
        }
        // change_log_unseen (control V14) is two index probes on change_log (xid), each a plan of its own,
        // rather than one OR that a generic plan would answer with a scan of the whole log; inside the
        // function they are planned once per connection, not on every read.
        String[] snapshot = {null};
        List<Change> changes = reads
                .sql("select * from change_log_unseen(?)")
                .param(previous)
                .query((rs, row) -> {
                    long id = rs.getLong(2);
                    if (rs.wasNull()) {
                        snapshot[0] = rs.getString(1);
                        return null;
                    }
                    return new Change(id, ChangeKind.fromWire(rs.getString(3)), rs.getString(4));
                })
                .list()
                .stream()
                .filter(Objects::nonNull)
                .toList();
        return new Read(snapshot[0], changes);
    }

    private void apply(Read read, long readAt) {
        if (snapshot != null) {
            if (readAt - snapshotReadAt > STALE_AFTER.toNanos()) {
                log.info(
                        "No change-log read for over {}; pruned entries may be missed, so clearing every cache",
                        STALE_AFTER);
                evict(() -> cachesToEvict().forEach(CachedChanges::evictAll));
            } else if (!read.changes().isEmpty()) {
                List<CachedChanges> all = cachesToEvict();
                evict(() -> read.changes().forEach(change -> evict(change, all)));
            }
        }
        snapshot = read.snapshot();
        snapshotReadAt = readAt;
    }

    /**
     * Every cache, once the context has made them all. Looking them up in the bean factory took 2.5% of a
     * consent append's CPU when done per change-log entry, and still 2% when done per read
     * (docs/BENCHMARKS.md).
     */
    @Override
    public void afterSingletonsInstantiated() {
        resolvedCaches = caches.orderedStream().toList();
    }

    private List<CachedChanges> cachesToEvict() {
        List<CachedChanges> resolved = resolvedCaches;
        return resolved != null ? resolved : caches.orderedStream().toList();
    }

    private void evict(Runnable evictions) {
        applying.writeLock().lock();
        try {
            generation++;
            evictions.run();
        } finally {
            applying.writeLock().unlock();
        }
    }

    private static void evict(Change change, List<CachedChanges> caches) {
        caches.forEach(cache -> {
            if (cache.kind() == change.kind()) {
                if (change.subject() == null) {
                    cache.evictAll();
                } else {
                    cache.evict(change.subject());
                }
            }
        });
    }

    /** How many times this node's caches have been evicted from; for tests. */
    long generation() {
        return generation;
    }

    /**
     * Loads a value and lets {@code store} cache it, unless a change was applied meanwhile; the value is
     * returned either way.
     */
    public <T> T fill(Supplier<T> load, Consumer<T> store) {
        long before = generation;
        T value = load.get();
        applying.readLock().lock();
        try {
            if (generation == before) {
                store.accept(value);
            }
        } finally {
            applying.readLock().unlock();
        }
        return value;
    }

    /**
     * Records a change inside the caller's transaction; every node applies it on its first request after
     * the commit. Takes no lock: concurrent writers, on any node, do not wait for each other. The number
     * returned is unique and increasing in the order entries are written, not committed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(ChangeKind kind, String subject) {
        return jdbc.sql("insert into change_log (kind, subject) values (?, ?) returning id")
                .params(kind.wireName(), subject)
                .query(Long.class)
                .single();
    }

    /**
     * As {@link #record}, one entry per subject (in the order given), in one statement: a group of consent
     * appends logs its changes together.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordEach(ChangeKind kind, Collection<String> subjects) {
        jdbc.sql("insert into change_log (kind, subject) select ?, unnest(?::text[])")
                .params(kind.wireName(), subjects.toArray(String[]::new))
                .update();
    }

    /**
     * As {@link #record}, but entries of this kind are numbered in commit order: writers of the kind take
     * turns until they commit. For rare changes whose number must say which came last (policy activations).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordInCommitOrder(ChangeKind kind, String subject) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('change_log:' || ?))) locked")
                .param(kind.wireName())
                .query(Integer.class)
                .single();
        return record(kind, subject);
    }

    /**
     * Erasure's part in the change log: entries naming the subject name its pseudonym instead, and one
     * entry with no subject tells every node to clear that kind's cache. Every node caches by raw subject
     * id, so the raw id's entries must go everywhere, but an entry naming it would keep the raw id here
     * until the log is pruned; erasures are rare enough that a full cache refill is the cheaper price.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetSubject(ChangeKind kind, String subject, String pseudonym) {
        jdbc.sql("update change_log set subject = ? where kind = ? and subject = ?")
                .params(pseudonym, kind.wireName(), subject)
                .update();
        record(kind, null);
    }

    /**
     * Old entries only matter to nodes that were away; those clear their caches instead. Only entries of
     * finished transactions go, so a reader never misses one that was still being written. Idempotent on
     * every node.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void prune() {
        int pruned = jdbc.sql("""
                        delete from change_log where changed_at < now() - interval '1 day'
                        and xid < pg_snapshot_xmin(pg_current_snapshot())""").update();
        if (pruned > 0) {
            log.info("Pruned {} change-log entries older than a day", pruned);
        }
    }

    /** A change-log entry; a null subject means every entry of its kind. */
    record Change(long id, ChangeKind kind, String subject) {}

    /** One read of the change log: its snapshot, as PostgreSQL writes one, and the entries it brought. */
    record Read(String snapshot, List<Change> changes) {}
}
