package io.consentinel.console;

import io.consentinel.audit.AuditReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Overview: per zone, decisions by outcome over the last 24 hours; the top reasons and the top
 * anonymised or dropped categories; and the residency matrix (jurisdiction × store) over all time.
 * Every number comes from {@code GET /v1/audit/summary}, one call per time bucket.
 */
@Controller
class OverviewPage {

    static final int BUCKETS = 12;
    static final Duration BUCKET = Duration.ofHours(2);
    static final List<String> OUTCOMES = List.of("accepted", "anonymised", "rejected");
    static final String NO_ZONE = "none";

    private final AuditReads audit;
    private final Clock clock;
    private final JsonMapper json;

    OverviewPage(AuditReads audit, Clock clock, JsonMapper json) {
        this.audit = audit;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/")
    String overview(Model model) {
        Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant start = end.minus(BUCKET.multipliedBy(BUCKETS));

        List<String> labels = new ArrayList<>();
        Map<String, Map<String, long[]>> perZone = new TreeMap<>();
        for (int b = 0; b < BUCKETS; b++) {
            Instant from = start.plus(BUCKET.multipliedBy(b));
            labels.add(from.toString().substring(5, 16).replace('T', ' '));
            for (Map<String, Object> group : groups(summary(from, from.plus(BUCKET), "zone,outcome"))) {
                Map<?, ?> key = (Map<?, ?>) group.get("key");
                String zone = Objects.toString(key.get("zone"), NO_ZONE);
                String outcome = Objects.toString(key.get("outcome"), "");
                long[] series = perZone.computeIfAbsent(zone, z -> new LinkedHashMap<>())
                        .computeIfAbsent(outcome, o -> new long[BUCKETS]);
                series[b] = count(group);
            }
        }
        List<ZoneChart> charts = new ArrayList<>();
        perZone.forEach((zone, series) -> charts.add(new ZoneChart(zone, chartData(labels, series), total(series))));
        model.addAttribute("charts", charts);
        model.addAttribute("windowStart", start);
        model.addAttribute("windowEnd", end);

        Map<String, Object> window = summary(start, end, "reason");
        model.addAttribute("windowTotal", window.get("total"));
        model.addAttribute("reasons", top(groups(window), "reason", 10));
        model.addAttribute("categories", topCategories(groups(summary(start, end, "category,action")), 10));

        Map<String, Object> residency = summary(null, null, "jurisdiction,zone");
        model.addAttribute("matrix", Matrix.of(groups(residency), audit.residencyZones()));
        model.addAttribute("allTime", residency.get("total"));
        return "overview";
    }

    private Map<String, Object> summary(Instant from, Instant to, String groupBy) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (from != null) {
            query.add("from", from.toString());
            query.add("to", to.toString());
        }
        query.add("groupBy", groupBy);
        return audit.summary(query);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> groups(Map<String, Object> summary) {
        return (List<Map<String, Object>>) summary.get("groups");
    }

    private static long count(Map<String, Object> group) {
        return ((Number) group.get("count")).longValue();
    }

    private String chartData(List<String> labels, Map<String, long[]> series) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        Map<String, long[]> ordered = new LinkedHashMap<>();
        for (String outcome : OUTCOMES) {
            ordered.put(outcome, series.getOrDefault(outcome, new long[labels.size()]));
        }
        data.put("series", ordered);
        return json.writeValueAsString(data);
    }

    private static long total(Map<String, long[]> series) {
        return series.values().stream()
                .mapToLong(s -> java.util.Arrays.stream(s).sum())
                .sum();
    }

    /** The {@code limit} largest groups of one dimension, without the "none" group. */
    static List<Ranked> top(List<Map<String, Object>> groups, String dimension, int limit) {
        return groups.stream()
                .filter(g -> ((Map<?, ?>) g.get("key")).get(dimension) != null)
                .map(g -> new Ranked(Objects.toString(((Map<?, ?>) g.get("key")).get(dimension)), null, count(g)))
                .sorted(Comparator.comparingLong(Ranked::count).reversed().thenComparing(Ranked::name))
                .limit(limit)
                .toList();
    }

    /** Categories that were changed (every listed field was: kept fields are never listed), by action. */
    static List<Ranked> topCategories(List<Map<String, Object>> groups, int limit) {
        return groups.stream()
                .filter(g -> ((Map<?, ?>) g.get("key")).get("category") != null)
                .map(g -> {
                    Map<?, ?> key = (Map<?, ?>) g.get("key");
                    return new Ranked(
                            Objects.toString(key.get("category")), Objects.toString(key.get("action"), ""), count(g));
                })
                .sorted(Comparator.comparingLong(Ranked::count).reversed().thenComparing(Ranked::name))
                .limit(limit)
                .toList();
    }

    record Ranked(String name, String action, long count) {}

    record ZoneChart(String zone, String data, long total) {}

    /**
     * Jurisdictions as rows, zones as columns; a cell counts the decisions of that pair. Every zone of the
     * deployment is a column, so an empty column shows at a glance that a jurisdiction's data is not there.
     */
    record Matrix(List<String> jurisdictions, List<String> zones, Map<String, Map<String, Long>> counts) {

        static Matrix of(List<Map<String, Object>> groups, List<String> deploymentZones) {
            TreeSet<String> jurisdictions = new TreeSet<>();
            TreeSet<String> zones = new TreeSet<>(deploymentZones);
            Map<String, Map<String, Long>> counts = new TreeMap<>();
            for (Map<String, Object> group : groups) {
                Map<?, ?> key = (Map<?, ?>) group.get("key");
                String jurisdiction = Objects.toString(key.get("jurisdiction"), NO_ZONE);
                String zone = Objects.toString(key.get("zone"), NO_ZONE);
                jurisdictions.add(jurisdiction);
                zones.add(zone);
                counts.computeIfAbsent(jurisdiction, j -> new TreeMap<>()).merge(zone, count(group), Long::sum);
            }
            List<String> columns = new ArrayList<>(zones);
            if (columns.remove(NO_ZONE)) {
                columns.add(NO_ZONE);
            }
            return new Matrix(List.copyOf(jurisdictions), columns, counts);
        }

        public long cell(String jurisdiction, String zone) {
            return counts.getOrDefault(jurisdiction, Map.of()).getOrDefault(zone, 0L);
        }
    }
}
