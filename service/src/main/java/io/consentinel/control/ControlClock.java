package io.consentinel.control;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes node-local caches safe behind a load balancer. Every request first reads the control store's
 * clock (one primary-key read) and, if it moved, evicts what the change log names. So a consent record,
 * policy or key revocation committed on any node applies to the very next request on every node, which
 * an asynchronous notification could not promise.
 *
 * <p>Concurrent requests share reads. A request waits for a read that <em>started after it arrived</em>
 * and uses that result, so it still sees every change committed before it arrived; under load one
 * primary-key read serves all the requests that arrived while the previous read was in flight, instead
 * of one read (and one pooled connection) per request.
 *
 * <p>A cache fill races with eviction: a value read before a change commits could be stored after the
 * change was applied. {@link #fill} therefore only stores a value when no change was applied while it
 * was being loaded.
 */
@Component
public class ControlClock {

    private static final Logger log = LoggerFactory.getLogger(ControlClock.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<CachedChanges> caches;
    private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();
    private volatile long seen = -1;
    /** One clock read at a time; whoever holds it reads, and applies the result, for everyone waiting. */
    private final ReentrantLock reading = new ReentrantLock();
    /** Reads are numbered in the order they start; the number is taken before the query is sent. */
    private final AtomicLong readsStarted = new AtomicLong();
    /** The number of the last read whose result has been applied. Guarded by {@link #reading}. */
    private long readsApplied;

    ControlClock(JdbcClient jdbc, ObjectProvider<CachedChanges> caches) {
        this.jdbc = jdbc;
        this.caches = caches;
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
            apply(readVersion());
            readsApplied = read;
        } finally {
            reading.unlock();
        }
    }

    long readVersion() {
        return jdbc.sql("select version from control_clock where id = 1")
                .query(Long.class)
                .single();
    }

    List<Change> changes(long after, long upTo) {
        return jdbc.sql("""
                        select version, kind, subject from change_log
                        where version > ? and version <= ? order by version""")
                .params(after, upTo)
                .query((rs, row) -> new Change(rs.getLong(1), ChangeKind.fromWire(rs.getString(2)), rs.getString(3)))
                .list();
    }

    /** The clock version this node's caches reflect; -1 before the first read. */
    long seen() {
        return seen;
    }

    private void apply(long current) {
        if (current == seen) {
            return;
        }
        applying.writeLock().lock();
        try {
            if (current <= seen) {
                return;
            }
            if (seen < 0) {
                // First read since start: nothing is cached yet.
                seen = current;
                return;
            }
            List<Change> changes = changes(seen, current);
            if (changes.size() != current - seen) {
                log.info("Change log no longer covers versions {}..{}; clearing every cache", seen, current);
                caches.forEach(CachedChanges::evictAll);
            } else {
                for (Change change : changes) {
                    caches.forEach(cache -> {
                        if (cache.kind() == change.kind()) {
                            cache.evict(change.subject());
                        }
                    });
                }
            }
            seen = current;
        } finally {
            applying.writeLock().unlock();
        }
    }

    /**
     * Loads a value and lets {@code store} cache it, unless a change was applied meanwhile; the value is
     * returned either way.
     */
    public <T> T fill(Supplier<T> load, Consumer<T> store) {
        long before = seen;
        T value = load.get();
        applying.readLock().lock();
        try {
            if (seen == before) {
                store.accept(value);
            }
        } finally {
            applying.readLock().unlock();
        }
        return value;
    }

    /**
     * Records a change inside the caller's transaction; it becomes visible to every node at commit. The
     * returned version orders changes by commit. Callers make it their last statement, since the clock row
     * stays locked until they commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(ChangeKind kind, String subject) {
        // One round trip: the row lock taken here is held until commit and serialises every change.
        return jdbc.sql("""
                        with tick as (update control_clock set version = version + 1 where id = 1 returning version)
                        insert into change_log (version, kind, subject) select version, ?, ? from tick
                        returning version""").params(kind.wireName(), subject).query(Long.class).single();
    }

    /**
     * Erasure's part in the change log: entries naming the subject name its pseudonym instead, and the
     * clock ticks with no entry left behind. Every node caches by raw subject id, so the raw id's entries
     * must go everywhere, but an entry naming it would keep the raw id here until the log is pruned. A node
     * that finds a gap in the log clears all its caches ({@link #catchUp}), which drops both the raw id and
     * the pseudonym; erasures are rare enough that a full cache refill is the cheaper price.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetSubject(ChangeKind kind, String subject, String pseudonym) {
        jdbc.sql("update change_log set subject = ? where kind = ? and subject = ?")
                .params(pseudonym, kind.wireName(), subject)
                .update();
        long version = record(kind, pseudonym);
        jdbc.sql("delete from change_log where version = ?").param(version).update();
    }

    /** Old entries only matter to nodes that were away; those clear their caches instead. Idempotent on every node. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void prune() {
        int pruned = jdbc.sql("delete from change_log where changed_at < now() - interval '1 day'")
                .update();
        if (pruned > 0) {
            log.info("Pruned {} change-log entries older than a day", pruned);
        }
    }

    record Change(long version, ChangeKind kind, String subject) {}
}
