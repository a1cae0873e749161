package io.consentinel.zones;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which decisions an audit read wants; every field is optional (null matches all). The conditions they
 * become are built here, next to the tables and the indexes (zone V2) that serve them.
 *
 * @param category with {@code action}: one field must match both ("a field of category x got action y")
 * @param from inclusive, by {@code received_at}
 * @param to exclusive, by {@code received_at}
 */
public record DecisionCriteria(
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

    /** The SQL condition, always starting with {@code where}; placeholders are positional. */
    Sql where() {
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
            Map<String, String> field = new LinkedHashMap<>();
            if (category != null) {
                field.put("category", category);
            }
            if (action != null) {
                field.put("action", action);
            }
            conditions.add("fields @> ?::jsonb");
            params.add(DecisionRows.JSON.writeValueAsString(List.of(field)));
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
