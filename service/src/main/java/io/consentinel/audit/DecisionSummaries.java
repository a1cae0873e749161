package io.consentinel.audit;

import io.consentinel.zones.DecisionCriteria;
import io.consentinel.zones.DecisionDimension;
import io.consentinel.zones.DecisionQueries;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Counts decisions per group. Each store counts with GROUP BY; only the groups travel, and the stores'
 * counts are added up here. Stores hold disjoint decisions, so the sums are exact.
 */
@Component
class DecisionSummaries {

    private final ZoneStores stores;
    private final DecisionQueries queries;

    DecisionSummaries(ZoneStores stores, DecisionQueries queries) {
        this.stores = stores;
        this.queries = queries;
    }

    /** {@code total} counts decisions; a group counts the decisions that have its key. */
    record Summary(long total, List<Group> groups) {}

    record Group(Map<String, String> key, long count) {}

    Summary summarise(DecisionFilter filter, List<SummaryDimension> groupBy) {
        DecisionCriteria criteria = filter.criteria();
        List<DecisionDimension> dimensions =
                groupBy.stream().map(d -> d.dimension).toList();
        long total = 0;
        Map<List<String>, Long> counts = new HashMap<>();
        for (ZoneStore store : filter.stores(stores)) {
            total += queries.count(store, criteria);
            if (!groupBy.isEmpty()) {
                queries.countGroups(store, criteria, dimensions, (key, count) -> counts.merge(key, count, Long::sum));
            }
        }
        return new Summary(total, groups(groupBy, counts));
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
