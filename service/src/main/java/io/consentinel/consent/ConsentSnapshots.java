package io.consentinel.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consentinel.control.CachedChanges;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.ConsentSnapshot;
import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The decision engine's view of the ledger, held in memory. A subject with no record is cached too (as
 * empty), since most telemetry comes from subjects whose state has not changed; any append evicts the
 * subject on every node through the {@link ControlClock}.
 */
@Component
public class ConsentSnapshots implements CachedChanges {

    private static final int MAX_SUBJECTS = 500_000;

    private final JdbcClient jdbc;
    private final ControlClock clock;
    private final Cache<String, Optional<ConsentSnapshot>> cache =
            Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).build();

    ConsentSnapshots(JdbcClient jdbc, ControlClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Snapshots for every given subject; a subject without records maps to null. One query for all misses,
     * and no transaction: the common case is served from memory, and a single statement reads consistently
     * on its own.
     */
    public Map<String, ConsentSnapshot> forSubjects(Collection<String> subjectIds) {
        Map<String, ConsentSnapshot> found = new HashMap<>();
        List<String> misses = new ArrayList<>();
        for (String subjectId : subjectIds) {
            Optional<ConsentSnapshot> cached = cache.getIfPresent(subjectId);
            if (cached == null) {
                if (!found.containsKey(subjectId)) {
                    misses.add(subjectId);
                    found.put(subjectId, null);
                }
            } else {
                found.put(subjectId, cached.orElse(null));
            }
        }
        if (!misses.isEmpty()) {
            Map<String, ConsentSnapshot> loaded = clock.fill(() -> load(misses), snapshots -> misses.forEach(
                    subjectId -> cache.put(subjectId, Optional.ofNullable(snapshots.get(subjectId)))));
            found.putAll(loaded);
        }
        return found;
    }

    /**
     * Every record of the given subjects in one statement, folded in capture order: the latest record
     * decides the jurisdiction, the latest stated flag decides child, and each purpose keeps every change.
     * Plain JDBC: on a cache miss in the ingest path, building entities only to read them once cost more
     * than the query itself.
     */
    private Map<String, ConsentSnapshot> load(List<String> subjectIds) {
        Map<String, Folding> bySubject = new LinkedHashMap<>();
        RecordValues record = new RecordValues();
        jdbc.sql("""
                        select r.subject_id, r.id, r.jurisdiction, r.child, r.captured_at, r.expires_at, p.purpose, p.status
                        from consent_records r left join consent_record_purposes p on p.record_id = r.id
                        where r.subject_id = any(?)
                        order by r.subject_id, r.captured_at, r.seq""")
                .param(subjectIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> {
                    Folding folding = bySubject.computeIfAbsent(rs.getString(1), id -> new Folding());
                    record.read(rs);
                    folding.jurisdiction = record.jurisdiction;
                    if (record.child != null) {
                        folding.child = record.child;
                    }
                    String purpose = rs.getString(7);
                    if (purpose != null) {
                        folding.purposes.computeIfAbsent(purpose.intern(), p -> new ArrayList<>(1)).add(new ConsentChange(
                                record.capturedAt, "granted".equals(rs.getString(8)), record.expiresAt, record.id));
                    }
                });
        Map<String, ConsentSnapshot> snapshots = new HashMap<>();
        bySubject.forEach((subjectId, f) -> snapshots.put(subjectId, new ConsentSnapshot(f.jurisdiction, f.child, f.purposes)));
        return snapshots;
    }

    /**
     * The values of the record whose rows are being read. A record comes as one row per purpose, and the
     * cache holds every subject's snapshot for long: its purposes share one id, one capture time and one
     * expiry instead of a copy each, and purpose and jurisdiction names are the interned ones.
     */
    private static final class RecordValues {
        String id;
        String jurisdiction;
        Boolean child;
        Instant capturedAt;
        Instant expiresAt;

        void read(ResultSet rs) throws SQLException {
            String rowId = rs.getString(2);
            if (rowId.equals(id)) {
                return;
            }
            id = rowId;
            jurisdiction = rs.getString(3).intern();
            boolean flag = rs.getBoolean(4);
            child = rs.wasNull() ? null : flag;
            capturedAt = rs.getTimestamp(5).toInstant();
            Timestamp expires = rs.getTimestamp(6);
            expiresAt = expires == null ? null : expires.toInstant();
        }
    }

    /** One subject's history being folded, record by record. */
    private static final class Folding {
        String jurisdiction;
        boolean child;
        final Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
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
