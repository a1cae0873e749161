package io.consentinel.decision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The JMH benchmark's workload timed in thread CPU time instead of wall-clock time, for machines
 * shared with other work (see docs/BENCHMARKS.md): decisions per CPU-second of one thread, and bytes
 * allocated per decision. Not a replacement for JMH, a cross-check under load.
 */
public final class DecisionEngineCpuTime {

    private DecisionEngineCpuTime() {}

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
        DecisionEngineBenchmark benchmark = new DecisionEngineBenchmark();
        benchmark.setUp();
        int decisions = 2_000_000;
        long thread = Thread.currentThread().threadId();
        for (int round = 1; round <= 8; round++) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long bytesBefore = allocations.getThreadAllocatedBytes(thread);
            Object last = null;
            for (int i = 0; i < decisions; i++) {
                last = benchmark.decide();
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
            long bytes = allocations.getThreadAllocatedBytes(thread) - bytesBefore;
            System.out.printf(
                    "round %d%s: %,.0f decisions per CPU-second, %d B/decision%s%n",
                    round,
                    round <= 3 ? " (warm-up)" : "",
                    decisions * 1e9 / cpu,
                    bytes / decisions,
                    last == null ? "?" : "");
        }
    }
}
