package io.consentinel.audit;

import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Counts decisions per group. Each store counts with GROUP BY; only the groups travel, and the stores'
 * counts are added up here. Stores hold disjoint decisions, so the sums are exact.
 */
@Component
class DecisionSummaries {

    private final ZoneStores stores;
    private final DecisionItems rows;

    DecisionSummaries(ZoneStores stores, DecisionItems rows) {
        this.stores = stores;
        this.rows = rows;
    }

    /** {@code total} counts decisions; a group counts the decisions that have its key. */
    record Summary(long total, List<Group> groups) {}

    record Group(Map<String, String> key, long count) {}

    Summary summarise(DecisionFilter filter, List<SummaryDimension> groupBy) {
        DecisionFilter.Sql where = filter.where(rows.json());
        long total = 0;
        Map<List<String>, Long> counts = new HashMap<>();
        for (ZoneStore store : filter.stores(stores)) {
            total += store.jdbc()
                    .sql("select count(*) from decisions " + where.text())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            if (!groupBy.isEmpty()) {
                store.jdbc()
                        .sql(groupQuery(groupBy, where))
                        .params(where.params())
                        .query(rs -> {
                            String[] key = new String[groupBy.size()];
                            for (int i = 0; i < key.length; i++) {
                                key[i] = rs.getString(i + 1);
                            }
                            counts.merge(Arrays.asList(key), rs.getLong(key.length + 1), Long::sum);
                        });
            }
        }
        return new Summary(total, groups(groupBy, counts));
    }

    private static String groupQuery(List<SummaryDimension> groupBy, DecisionFilter.Sql where) {
        Set<SummaryDimension.Lateral> joins = EnumSet.noneOf(SummaryDimension.Lateral.class);
        List<String> keys = new ArrayList<>();
        for (SummaryDimension dimension : groupBy) {
            joins.add(dimension.lateral);
            keys.add(dimension.expression);
        }
        StringBuilder sql = new StringBuilder("select ").append(String.join(", ", keys));
        // With a lateral join a decision can yield several rows per group (two fields of one category).
        boolean oneRowPerDecision = joins.equals(EnumSet.of(SummaryDimension.Lateral.NONE));
        sql.append(oneRowPerDecision ? ", count(*)" : ", count(distinct d.sequence)");
        sql.append(" from decisions d");
        joins.forEach(join -> sql.append(join.join));
        sql.append(' ').append(where.text()).append(" group by ");
        for (int i = 1; i <= keys.size(); i++) {
            sql.append(i == 1 ? "" : ", ").append(i);
        }
        return sql.toString();
    }

    private static List<Group> groups(List<SummaryDimension> groupBy, Map<List<String>, Long> counts) {
        Comparator<Map.Entry<List<String>, Long>> order =
                Map.Entry.<List<String>, Long>comparingByValue().reversed();
        order = order.thenComparing(e -> e.getKey().toString());
        return counts.entrySet().stream()
                .sorted(order)
                .map(e -> {
                    Map<String, String> key = new LinkedHashMap<>();
                    for (int i = 0; i < groupBy.size(); i++) {
                        key.put(groupBy.get(i).wireName, e.getKey().get(i));
                    }
                    return new Group(key, Objects.requireNonNull(e.getValue()));
                })
                .toList();
    }
}
