package io.consentinel.decision;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Whether each purpose is granted for one event, evaluated at most once per purpose per decision,
 * and which ledger records that answer rests on. Not thread-safe: one instance per decision.
 */
final class PurposeGrants {

    private final ConsentSnapshot consent;
    private final Jurisdiction jurisdiction;
    private final Instant occurredAt;
    private final Instant now;
    private final Set<String> deniedInBand;
    // A decision touches a handful of purposes, so parallel arrays with a linear scan beat a map.
    private String[] evaluated = new String[4];
    private Reason[] denials = new Reason[4];
    private int size;
    // Almost every decision consults one or two ledger records: keep them in fields and hand out
    // List.of(..), which Decision keeps as it is instead of copying.
    private String firstRecordId;
    private String secondRecordId;
    private List<String> moreRecordIds;

    /** @param deniedInBand purposes the message itself denies; they can only narrow what the ledger grants */
    PurposeGrants(
            ConsentSnapshot consent,
            Jurisdiction jurisdiction,
            Instant occurredAt,
            Instant now,
            Set<String> deniedInBand) {
        this.consent = consent;
        this.jurisdiction = jurisdiction;
        this.occurredAt = occurredAt;
        this.now = now;
        this.deniedInBand = deniedInBand;
    }

    /** Null when the purpose is granted for this event, else the reason it is not. */
    Reason denial(String purpose) {
        for (int i = 0; i < size; i++) {
            if (evaluated[i].equals(purpose)) {
                return denials[i];
            }
        }
        Reason denial = evaluate(purpose);
        // The ledger's own reason wins: it says more than "the message said no", and a message's
        // consent is consulted only to take away, never to grant.
        if (denial == null && deniedInBand.contains(purpose)) {
            denial = Reason.CONSENT_DENIED_IN_BAND;
        }
        if (size == evaluated.length) {
            evaluated = Arrays.copyOf(evaluated, size * 2);
            denials = Arrays.copyOf(denials, size * 2);
        }
        evaluated[size] = purpose;
        denials[size] = denial;
        size++;
        return denial;
    }

    /** The distinct ledger records consulted so far, in first-use order. */
    List<String> recordIds() {
        if (firstRecordId == null) {
            return List.of();
        }
        if (moreRecordIds != null) {
            return moreRecordIds;
        }
        return secondRecordId == null ? List.of(firstRecordId) : List.of(firstRecordId, secondRecordId);
    }

    private Reason evaluate(String purpose) {
        if (consent != null
                && consent.child()
                && jurisdiction.childForbiddenPurposes().contains(purpose)) {
            return Reason.CHILD_PROTECTED; // DPDP s.9(3): banned for children whatever the consent says
        }
        List<ConsentChange> changes =
                consent == null ? null : consent.purposes().get(purpose);
        if (changes == null || changes.isEmpty()) {
            return Reason.CONSENT_MISSING;
        }
        // Processing after a withdrawal is unlawful, so the latest change decides first, whatever its time.
        int latestIndex = changes.size() - 1;
        ConsentChange latest = changes.get(latestIndex);
        consulted(latest);
        if (!latest.granted()) {
            return deniedReason(changes, latestIndex);
        }
        if (expiredBy(latest, now)) {
            return Reason.CONSENT_EXPIRED;
        }
        // Data collected before consent was not lawfully collected: consent must also cover occurredAt.
        int coveringIndex = lastAtOrBefore(changes, occurredAt);
        if (coveringIndex < 0) {
            return Reason.CONSENT_MISSING;
        }
        ConsentChange covering = changes.get(coveringIndex);
        consulted(covering);
        if (!covering.granted()) {
            return deniedReason(changes, coveringIndex);
        }
        return expiredBy(covering, occurredAt) ? Reason.CONSENT_EXPIRED : null;
    }

    private static Reason deniedReason(List<ConsentChange> changes, int denialIndex) {
        for (int i = 0; i < denialIndex; i++) {
            if (changes.get(i).granted()) {
                return Reason.CONSENT_WITHDRAWN;
            }
        }
        return Reason.CONSENT_MISSING;
    }

    private static boolean expiredBy(ConsentChange change, Instant instant) {
        return change.expiresAt() != null && !change.expiresAt().isAfter(instant);
    }

    private static int lastAtOrBefore(List<ConsentChange> changes, Instant instant) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (!changes.get(i).at().isAfter(instant)) {
                return i;
            }
        }
        return -1;
    }

    private void consulted(ConsentChange change) {
        String id = change.recordId();
        if (id == null
                || id.equals(firstRecordId)
                || id.equals(secondRecordId)
                || (moreRecordIds != null && moreRecordIds.contains(id))) {
            return;
        }
        if (firstRecordId == null) {
            firstRecordId = id;
        } else if (secondRecordId == null) {
            secondRecordId = id;
        } else {
            if (moreRecordIds == null) {
                moreRecordIds = new ArrayList<>(List.of(firstRecordId, secondRecordId));
            }
            moreRecordIds.add(id);
        }
    }
}
