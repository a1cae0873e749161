package io.consentinel.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consentinel.control.CachedChanges;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.ConsentSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The decision engine's view of the ledger, held in memory. The cache holds each subject's records with
 * their scopes, and a lookup names the app whose events are decided: the snapshot it gets is that app's
 * view (its own records and the vendor-wide ones). A subject with no record is cached too (as empty),
 * since most telemetry comes from subjects whose state has not changed; any append evicts the subject,
 * in every scope, on every node through the {@link ControlClock}.
 */
@Component
public class ConsentSnapshots implements CachedChanges {

    private static final int MAX_SUBJECTS = 500_000;

    private final JdbcTemplate jdbc;
    private final ControlClock clock;
    private final Cache<String, SubjectLedger> cache =
            Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).build();

    ConsentSnapshots(DataSource dataSource, ControlClock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * App {@code appId}'s view of every given subject; a subject without a record that counts for the app
     * maps to null. One query for all misses, and no transaction: the common case is served from memory,
     * and a single statement reads consistently on its own. Plain JDBC, the ledger writer's read: in a burst
     * of first lookups, Hibernate building the rows of a JPQL query took eight times the driver's CPU
     * (docs/BENCHMARKS.md, 4 December).
     */
    public Map<String, ConsentSnapshot> forSubjects(String appId, Collection<String> subjectIds) {
        return lookUp(appId, subjectIds).views();
    }

    /**
     * As {@link #forSubjects}, and for each subject whether its view may be stale: served from this node's
     * cache, without the request having caught up with the change log first. Such a view is confirmed before
     * its decision is written ({@link Lookup#stillCurrent}).
     */
    public Lookup lookUp(String appId, Collection<String> subjectIds) {
        Map<String, SubjectLedger> ledgers = HashMap.newHashMap(subjectIds.size());
        Map<String, SubjectLedger> cached = HashMap.newHashMap(subjectIds.size());
        List<String> misses = new ArrayList<>();
        for (String subjectId : subjectIds) {
            SubjectLedger hit = cache.getIfPresent(subjectId);
            if (hit != null) {
                ledgers.put(subjectId, hit);
                cached.put(subjectId, hit);
            } else if (!ledgers.containsKey(subjectId)) {
                ledgers.put(subjectId, SubjectLedger.EMPTY);
                misses.add(subjectId);
            }
        }
        if (!misses.isEmpty()) {
            Map<String, SubjectLedger> loaded = clock.fill(
                    () -> SubjectLedger.fromRecords(RecordGroups.read(jdbc, misses)),
                    found -> misses.forEach(
                            subjectId -> cache.put(subjectId, found.getOrDefault(subjectId, SubjectLedger.EMPTY))));
            ledgers.putAll(loaded);
        }
        Map<String, ConsentSnapshot> views = HashMap.newHashMap(ledgers.size());
        ledgers.forEach((subjectId, ledger) -> views.put(subjectId, ledger.viewOf(appId)));
        return new Lookup(views, cached, cache);
    }

    /** Views of the ledger for one app, and where each came from. */
    public static final class Lookup {

        private static final BooleanSupplier READ_FROM_THE_LEDGER = () -> true;

        private final Map<String, ConsentSnapshot> views;
        private final Map<String, SubjectLedger> cached;
        private final Cache<String, SubjectLedger> cache;

        private Lookup(
                Map<String, ConsentSnapshot> views,
                Map<String, SubjectLedger> cached,
                Cache<String, SubjectLedger> cache) {
            this.views = views;
            this.cached = cached;
            this.cache = cache;
        }

        /** Each subject's view; null for a subject without a record that counts for the app. */
        public Map<String, ConsentSnapshot> views() {
            return views;
        }

        /**
         * Whether the subject's view still stands. A view read from the ledger by this lookup does: the read
         * came after the request arrived. A view served from the cache stands while the cache holds that very
         * entry: applying a change to the subject evicts it, and a refill puts a new one in its place.
         */
        public BooleanSupplier stillCurrent(String subjectId) {
            SubjectLedger servedFromCache = cached.get(subjectId);
            return servedFromCache == null
                    ? READ_FROM_THE_LEDGER
                    : () -> cache.getIfPresent(subjectId) == servedFromCache;
        }
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.CONSENT;
    }

    @Override
    public void evict(String subjectId) {
        cache.invalidate(subjectId);
    }

    @Override
    public void evictAll() {
        cache.invalidateAll();
    }
}
