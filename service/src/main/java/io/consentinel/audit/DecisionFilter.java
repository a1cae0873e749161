package io.consentinel.audit;

import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filters shared by the decision list, the export and the summary. {@code zone} picks the store (each
 * store holds one zone); the others become SQL conditions that the V2 indexes serve.
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

    static final Set<String> PARAMETERS = Set.of(
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

    /** The SQL condition, always starting with {@code where}; placeholders are positional. */
    Sql where(JsonMapper json) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        equal(conditions, params, "subject_id", subjectId);
        equal(conditions, params, "app_id", appId);
        equal(conditions, params, "event_type", type);
        equal(conditions, params, "jurisdiction", jurisdiction);
        equal(conditions, params, "zone", zone);
        equal(conditions, params, "outcome", outcome);
        if (reason != null) {
            conditions.add("reasons @> array[?]::text[]");
            params.add(reason);
        }
        if (category != null || action != null) {
            // One element must match both, so category=x&action=y means "a field of category x got action y".
            Map<String, String> field = new LinkedHashMap<>();
            if (category != null) {
                field.put("category", category);
            }
            if (action != null) {
                field.put("action", action);
            }
            conditions.add("fields @> ?::jsonb");
            params.add(json.writeValueAsString(List.of(field)));
        }
        if (from != null) {
            conditions.add("received_at >= ?");
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("received_at < ?");
            params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        String sql = conditions.isEmpty() ? "where true" : "where " + String.join(" and ", conditions);
        return new Sql(sql, params);
    }

    private static void equal(List<String> conditions, List<Object> params, String column, String value) {
        if (value != null) {
            conditions.add(column + " = ?");
            params.add(value);
        }
    }

    /** A piece of SQL and its positional parameters. */
    record Sql(String text, List<Object> params) {

        Sql {
            params = List.copyOf(params);
        }

        Sql and(String condition, Object... more) {
            return append(" and " + condition, more);
        }

        Sql append(String sql, Object... more) {
            List<Object> all = new ArrayList<>(params);
            all.addAll(List.of(more));
            return new Sql(text + sql, all);
        }
    }
}
