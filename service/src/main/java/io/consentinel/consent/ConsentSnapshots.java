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
        Map<String, SubjectLedger> ledgers = HashMap.newHashMap(subjectIds.size());
        List<String> misses = new ArrayList<>();
        for (String subjectId : subjectIds) {
            SubjectLedger cached = cache.getIfPresent(subjectId);
            if (cached != null) {
                ledgers.put(subjectId, cached);
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
        return views;
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
