package io.consentinel.consent;

import io.consentinel.decision.ConsentSnapshot;
import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subject's records with their scopes, in ledger order, as the decision cache holds them. The engine
 * never sees this: it gets {@link #viewOf the view of one app}, in which only that app's records and the
 * vendor-wide ones exist, so another app's grant, denial or jurisdiction cannot reach its events.
 */
final class SubjectLedger {

    /** A subject with no record: most telemetry comes from such subjects, and they share this instance. */
    static final SubjectLedger EMPTY = new SubjectLedger(List.of());

    /**
     * What one record set. Records of a subject share their interned purpose and jurisdiction names, and a
     * record's purposes share its id, capture time and expiry instead of a copy each.
     */
    record Entry(
            String recordId,
            String scope,
            String jurisdiction,
            Boolean child,
            Instant capturedAt,
            Instant expiresAt,
            Map<String, Boolean> purposes) {

        boolean countsFor(String appId) {
            return Scopes.countsIn(scope, appId);
        }
    }

    /**
     * The records, kept only when one is scoped to an app. Without such a record every app sees the same
     * view (a ledger written by a consent platform's collector key is vendor-wide), so it is folded once
     * and only the view is kept: the cache holds one object graph per subject, not two, which is what G1
     * has to mark at a hundred thousand subjects and more.
     */
    private final List<Entry> entries;
    /** Every app's view, when no record is scoped; unused otherwise. */
    private final ConsentSnapshot vendorWideView;
    /**
     * The last view built, when records are scoped: a subject's events nearly always come from one app, so
     * one slot spares rebuilding the same snapshot for every event without holding a view per app.
     */
    private volatile View last;

    private record View(String appId, ConsentSnapshot snapshot) {}

    SubjectLedger(List<Entry> entries) {
        if (entries.stream().allMatch(entry -> entry.scope() == null)) {
            this.entries = null;
            this.vendorWideView = fold(entries, null);
        } else {
            this.entries = List.copyOf(entries);
            this.vendorWideView = null;
        }
    }

    /**
     * The ledger as app {@code appId}'s events see it, or null when no record counts for that app. Per
     * purpose every change is kept (the engine needs the one that covered the event); the latest counting
     * record decides the jurisdiction, and the latest one that states it decides {@code child}.
     */
    ConsentSnapshot viewOf(String appId) {
        if (entries == null) {
            return vendorWideView;
        }
        View view = last;
        if (view != null && view.appId().equals(appId)) {
            return view.snapshot();
        }
        ConsentSnapshot snapshot = fold(entries, appId);
        last = new View(appId, snapshot);
        return snapshot;
    }

    /** {@code appId} null folds the records that count for every app: the vendor-wide ones. */
    private static ConsentSnapshot fold(List<Entry> entries, String appId) {
        String jurisdiction = null;
        boolean child = false;
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (!entry.countsFor(appId)) {
                continue;
            }
            jurisdiction = entry.jurisdiction();
            if (entry.child() != null) {
                child = entry.child();
            }
            entry.purposes()
                    .forEach((purpose, granted) -> purposes.computeIfAbsent(purpose, p -> new ArrayList<>(1))
                            .add(new ConsentChange(entry.capturedAt(), granted, entry.expiresAt(), entry.recordId())));
        }
        return jurisdiction == null ? ConsentSnapshot.none() : new ConsentSnapshot(jurisdiction, child, purposes);
    }

    /** Builds ledgers from every record of each subject, read in ledger order. */
    static Map<String, SubjectLedger> fromRecords(Map<String, List<StoredRecord>> bySubject) {
        Map<String, SubjectLedger> ledgers = HashMap.newHashMap(bySubject.size());
        bySubject.forEach((subjectId, records) -> {
            List<Entry> entries = new ArrayList<>(records.size());
            for (StoredRecord record : records) {
                Map<String, Boolean> purposes = new LinkedHashMap<>(2);
                record.purposes()
                        .forEach((purpose, status) -> purposes.put(purpose.intern(), "granted".equals(status)));
                entries.add(new Entry(
                        record.id().toString(),
                        record.appId() == null ? null : record.appId().intern(),
                        record.jurisdiction().intern(),
                        record.child(),
                        record.capturedAt(),
                        record.expiresAt(),
                        purposes));
            }
            ledgers.put(subjectId, new SubjectLedger(entries));
        });
        return ledgers;
    }
}
