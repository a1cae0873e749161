package io.consentinel.audit;

import io.consentinel.zones.DecisionCriteria;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The filters shared by the decision list, the export and the summary. {@code zone} picks the store (each
 * store holds one zone); the others become the stores' {@link DecisionCriteria}, which the V2 indexes serve.
 */
record DecisionFilter(
        String subjectId,
        String appId,
        String type,
        String jurisdiction,
        String zone,
        String outcome,
        String reason,
        String category,
        String action,
        Instant from,
        Instant to) {

    /** The filters' query parameter names, in the order API.md lists them. */
    static final List<String> NAMES = List.of(
            "subjectId",
            "appId",
            "type",
            "jurisdiction",
            "zone",
            "outcome",
            "reason",
            "category",
            "action",
            "from",
            "to");

    static final Set<String> PARAMETERS = Set.copyOf(NAMES);
    private static final Set<String> OUTCOMES = Set.of("accepted", "anonymised", "rejected");

    /** Reads the filters; problems are collected in {@code query}'s violations. */
    static DecisionFilter from(QueryParameters query, ZoneStores stores) {
        String zone = query.text("zone");
        if (zone != null && stores.residency(zone).isEmpty()) {
            query.violations()
                    .add(
                            "/zone",
                            "unknown zone; this deployment has: "
                                    + String.join(
                                            ", ",
                                            stores.residencyZones().stream()
                                                    .sorted()
                                                    .toList()));
        }
        String outcome = query.text("outcome");
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            query.violations().add("/outcome", "must be one of accepted, anonymised, rejected");
        }
        Instant from = query.instant("from");
        Instant to = query.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            query.violations().add("/to", "must be after from");
        }
        return new DecisionFilter(
                query.text("subjectId"),
                query.text("appId"),
                query.text("type"),
                query.text("jurisdiction"),
                zone,
                outcome,
                query.text("reason"),
                query.text("category"),
                query.text("action"),
                from,
                to);
    }

    /** The stores that can hold matching decisions, in a stable order. */
    List<ZoneStore> stores(ZoneStores stores) {
        return zone == null
                ? List.copyOf(stores.all())
                : List.of(stores.residency(zone).orElseThrow());
    }

    /** The same filters as the stores read them. */
    DecisionCriteria criteria() {
        return new DecisionCriteria(
                subjectId, appId, type, jurisdiction, zone, outcome, reason, category, action, from, to);
    }
}
