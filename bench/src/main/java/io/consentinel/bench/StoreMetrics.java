package io.consentinel.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sums of the service's own group-commit metrics, to tell per phase how many events (or consent records) each
 * commit carried.
 */
record StoreMetrics(Map<String, Double> values) {
    private static final Pattern LINE = Pattern.compile(
            "^(consentinel_store_(?:group_size|latency_seconds)_(?:count|sum))\\{[^}]*zone=\"([a-z]+)\"[^}]*} ([0-9.Ee+-]+)$");
    /** The consent ledger writer's; a build from before it has none, and prints nothing for it. */
    private static final Pattern LEDGER = Pattern.compile(
            "^consentinel_consent_group_(size|latency_seconds)_(count|sum)(?:\\{[^}]*})? ([0-9.Ee+-]+)$");

    static StoreMetrics scrape(Api api) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line :
                api.send("GET", "/actuator/prometheus", null, "", 200).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                values.merge(m.group(2) + " " + m.group(1), Double.parseDouble(m.group(3)), Double::sum);
            }
            Matcher ledger = LEDGER.matcher(line);
            if (ledger.matches()) {
                values.merge(
                        "consent " + ledger.group(1) + "_" + ledger.group(2),
                        Double.parseDouble(ledger.group(3)),
                        Double::sum);
            }
        }
        return new StoreMetrics(values);
    }

    String since(StoreMetrics before) {
        StringBuilder s = new StringBuilder();
        for (String zone : List.of("in", "eu", "control")) {
            double groups = delta(before, zone + " consentinel_store_group_size_count");
            if (groups == 0) {
                continue;
            }
            double decisions = delta(before, zone + " consentinel_store_group_size_sum");
            double latency = delta(before, zone + " consentinel_store_latency_seconds_sum")
                    / Math.max(1, delta(before, zone + " consentinel_store_latency_seconds_count"));
            s.append(String.format(
                    "%s%s: %.0f commits, %.1f events each, %.1f ms each",
                    s.isEmpty() ? "" : "; ", zone, groups, decisions / groups, latency * 1000));
        }
        return s.toString();
    }

    /** The consent ledger's group commits since {@code before}, or an empty text when there were none. */
    String consentSince(StoreMetrics before) {
        double groups = delta(before, "consent size_count");
        if (groups == 0) {
            return "";
        }
        double latency = delta(before, "consent latency_seconds_sum")
                / Math.max(1, delta(before, "consent latency_seconds_count"));
        return String.format(
                "consent ledger: %.0f commits, %.1f records each, %.1f ms each",
                groups, delta(before, "consent size_sum") / groups, latency * 1000);
    }

    private double delta(StoreMetrics before, String key) {
        return values.getOrDefault(key, 0.0) - before.values.getOrDefault(key, 0.0);
    }
}
