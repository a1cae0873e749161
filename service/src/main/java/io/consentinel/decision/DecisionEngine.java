package io.consentinel.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides, for one event, what may be stored and in which residency zone, following the steps of
 * API.md "How a decision is made". Pure: no I/O, no clock, no state beyond the pseudonymisation key,
 * so it is thread-safe and gives equal decisions for equal inputs.
 */
public final class DecisionEngine {

    private final Pseudonymiser pseudonymiser;

    public DecisionEngine(Pseudonymiser pseudonymiser) {
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
    }

    /**
     * @param consent the subject's consent ledger, or null when the subject has no record
     * @param availableZones the zones this deployment has a store for
     * @param now the processing time, against which withdrawal and expiry are judged
     */
    public Decision decide(
            EventInput event, ConsentSnapshot consent, Policy policy, Set<String> availableZones, Instant now) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(availableZones, "availableZones");
        Objects.requireNonNull(now, "now");

        EventType type = policy.eventType(event.type());
        Integer retentionDays =
                type != null && type.retentionDays() != null ? type.retentionDays() : policy.retentionDays();
        // Resolved before any rejection, so that a rejected decision is still audited in its zone.
        String country = country(consent != null ? consent.jurisdiction() : event.jurisdiction());
        Jurisdiction jurisdiction = country == null ? null : policy.jurisdictionFor(country);
        String zone = jurisdiction == null ? null : firstAvailable(jurisdiction.zones(), availableZones);
        Verdict verdict = new Verdict(zone, country, policy.version(), retentionDays);

        if (type == null) {
            if (policy.unknownEventTypes() == Policy.UnknownEventTypes.REJECT) {
                return verdict.rejected(Reason.EVENT_TYPE_UNKNOWN, List.of(), List.of());
            }
            type = EventType.UNCLASSIFIED;
        }
        if (country == null) {
            return verdict.rejected(Reason.JURISDICTION_UNKNOWN, List.of(), List.of());
        }
        if (jurisdiction == null) {
            return verdict.rejected(Reason.JURISDICTION_UNSUPPORTED, List.of(), List.of());
        }
        if (zone == null) {
            return verdict.rejected(Reason.RESIDENCY_UNAVAILABLE, List.of(), List.of());
        }

        PurposeGrants grants = new PurposeGrants(
                consent, jurisdiction, event.occurredAt(), now, policy.purposesDeniedInBand(event.deniedInBand()));
        if (type.purpose() != null) {
            Reason denial = grants.denial(type.purpose());
            if (denial != null) {
                return verdict.rejected(denial, List.of(), grants.recordIds());
            }
        }
        AttributeWalk walk = new AttributeWalk(policy.unclassifiedFields(), grants, pseudonymiser);
        ObjectNode stored = walk.apply(event.attributes(), type.root());
        if (stored == null) {
            FieldAction rejection = walk.rejection();
            return verdict.rejected(rejection.reason(), List.of(rejection), grants.recordIds());
        }
        return verdict.stored(walk.fields(), stored, grants.recordIds());
    }

    // Country codes are upper case on the wire; normalising here keeps a stray "in" from falling
    // through to "*" and leaving India's data outside its zone.
    private static String country(String code) {
        return code == null || code.isBlank() ? null : code.toUpperCase(Locale.ROOT);
    }

    private static String firstAvailable(List<String> zones, Set<String> availableZones) {
        for (String zone : zones) {
            if (availableZones.contains(zone)) {
                return zone;
            }
        }
        return null;
    }

    /** The parts of a decision known before its outcome. */
    private record Verdict(String zone, String jurisdiction, String policyVersion, Integer retentionDays) {

        Decision rejected(Reason reason, List<FieldAction> fields, List<String> recordIds) {
            return new Decision(
                    Outcome.REJECTED,
                    zone,
                    jurisdiction,
                    List.of(reason),
                    fields,
                    null,
                    recordIds,
                    policyVersion,
                    retentionDays);
        }

        Decision stored(List<FieldAction> fields, ObjectNode stored, List<String> recordIds) {
            Outcome outcome = fields.isEmpty() ? Outcome.ACCEPTED : Outcome.ANONYMISED;
            return new Decision(
                    outcome,
                    zone,
                    jurisdiction,
                    distinctReasons(fields),
                    fields,
                    stored,
                    recordIds,
                    policyVersion,
                    retentionDays);
        }

        private static List<Reason> distinctReasons(List<FieldAction> fields) {
            if (fields.isEmpty()) {
                return List.of();
            }
            List<Reason> reasons = new ArrayList<>(2);
            for (FieldAction field : fields) {
                if (!reasons.contains(field.reason())) {
                    reasons.add(field.reason());
                }
            }
            return reasons;
        }
    }
}
