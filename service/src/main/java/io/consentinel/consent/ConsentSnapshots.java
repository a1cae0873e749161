package io.consentinel.consent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.consentinel.control.CachedChanges;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.ConsentSnapshot;
import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decision engine's view of the ledger, held in memory. A subject with no record is cached too (as
 * empty), since most telemetry comes from subjects whose state has not changed; any append evicts the
 * subject on every node through the {@link ControlClock}.
 */
@Component
public class ConsentSnapshots implements CachedChanges {

    private static final int MAX_SUBJECTS = 500_000;

    private final ConsentRecords records;
    private final ControlClock clock;
    private final Cache<String, Optional<ConsentSnapshot>> cache =
            Caffeine.newBuilder().maximumSize(MAX_SUBJECTS).build();

    ConsentSnapshots(ConsentRecords records, ControlClock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Snapshots for every given subject; a subject without records maps to null. One query for all misses. */
    @Transactional(readOnly = true)
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

    private Map<String, ConsentSnapshot> load(List<String> subjectIds) {
        Map<String, List<ConsentRecord>> bySubject = new LinkedHashMap<>();
        for (ConsentRecord record : records.histories(subjectIds)) {
            bySubject.computeIfAbsent(record.subjectId(), id -> new ArrayList<>()).add(record);
        }
        Map<String, ConsentSnapshot> snapshots = new HashMap<>();
        bySubject.forEach((subjectId, history) -> snapshots.put(subjectId, snapshotOf(history)));
        return snapshots;
    }

    /** The history is in capture order; the latest record decides jurisdiction, the latest stated flag decides child. */
    static ConsentSnapshot snapshotOf(List<ConsentRecord> history) {
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        String jurisdiction = null;
        boolean child = false;
        for (ConsentRecord record : history) {
            jurisdiction = record.jurisdiction();
            if (record.child() != null) {
                child = record.child();
            }
            String recordId = record.id().toString();
            record.purposes().forEach((purpose, status) -> purposes
                    .computeIfAbsent(purpose, p -> new ArrayList<>())
                    .add(new ConsentChange(record.capturedAt(), "granted".equals(status), record.expiresAt(), recordId)));
        }
        return new ConsentSnapshot(jurisdiction, child, purposes);
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
