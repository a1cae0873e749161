package io.consentinel.bench;

import java.util.Map;

/** Events completed in a measured window, their latencies, outcomes and CPU cost. */
record Throughput(String name, long events, double seconds, long[] latencies, Map<String, Long> outcomes, Cpu cpu) {
    double perSecond() {
        return events / seconds;
    }

    double percentileMs(double p) {
        if (latencies == null || latencies.length == 0) {
            return Double.NaN;
        }
        return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p * latencies.length) - 1)] / 1e6;
    }
}
