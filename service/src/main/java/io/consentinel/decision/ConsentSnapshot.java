package io.consentinel.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The subject's consent ledger as the engine needs it: per purpose, every change in order of
 * {@code at} (ascending). The engine accepts {@code null} for "the subject has no consent record";
 * {@link #none()} returns that null so call sites read well.
 */
public record ConsentSnapshot(String jurisdiction, boolean child, Map<String, List<ConsentChange>> purposes) {

    public ConsentSnapshot {
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        // An immutable map's two arrays: the decision cache holds one snapshot per subject, and a
        // LinkedHashMap's table and entries were most of its size. Purposes are looked up, never iterated
        // in an order that matters.
        Map<String, List<ConsentChange>> copy = new HashMap<>();
        if (purposes != null) {
            purposes.forEach((purpose, changes) -> copy.put(purpose, inLedgerOrder(changes)));
        }
        purposes = Map.copyOf(copy);
    }

    // The ledger hands changes over in order already; a stable sort guards against a caller that does not,
    // since "latest" must mean latest and changes at the same instant must keep their ledger order.
    private static List<ConsentChange> inLedgerOrder(List<ConsentChange> changes) {
        List<ConsentChange> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(ConsentChange::at));
        return List.copyOf(sorted);
    }

    /** No consent record at all: the engine then takes the jurisdiction from the event. */
    public static ConsentSnapshot none() {
        return null;
    }

    /** One grant or denial of one purpose, from the ledger record {@code recordId}. */
    public record ConsentChange(Instant at, boolean granted, Instant expiresAt, String recordId) {

        public ConsentChange {
            Objects.requireNonNull(at, "at");
        }
    }
}
