package io.consentinel.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A measured phase: a warm-up, then a window whose completions count. Bounded in time. */
final class Phase {
    private final long measureFrom;
    private final long end;
    private final LongAdder events = new LongAdder();
    private final List<long[]> latencyChunks = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<long[]> chunk = new ThreadLocal<>();
    private final ThreadLocal<int[]> fill = ThreadLocal.withInitial(() -> new int[1]);

    private final CpuMeter meter;
    private final Thread sampler;
    private volatile CpuMeter.Snapshot first;
    private volatile CpuMeter.Snapshot last;

    Phase(int warmupSeconds, int measureSeconds, CpuMeter meter) {
        long now = System.nanoTime();
        this.measureFrom = now + Duration.ofSeconds(warmupSeconds).toNanos();
        this.end = measureFrom + Duration.ofSeconds(measureSeconds).toNanos();
        this.meter = meter;
        this.sampler = Thread.ofVirtual().start(() -> {
            if (meter == null) {
                return;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, measureFrom - System.nanoTime())));
                first = meter.take();
                Thread.sleep(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
                last = meter.take();
            } catch (Exception e) {
                System.err.println("bench: CPU accounting failed: " + e);
            }
        });
    }

    boolean running() {
        return System.nanoTime() < end;
    }

    /** Counted when it completed inside the window: unbiased at steady state, whatever a request's length. */
    boolean measured(long start, long finish) {
        return finish >= measureFrom && finish <= end;
    }

    void completed(int count, long latencyNanos) {
        events.add(count);
        long[] c = chunk.get();
        int[] f = fill.get();
        if (c == null || f[0] == c.length) {
            c = new long[8192];
            chunk.set(c);
            f[0] = 0;
            latencyChunks.add(c);
        }
        c[f[0]++] = latencyNanos + 1; // never 0, so unused slots can be told apart
    }

    Throughput result(String name, Map<String, LongAdder> outcomes) {
        long[] all = latencyChunks.stream()
                .flatMapToLong(Arrays::stream)
                .filter(v -> v > 0)
                .map(v -> v - 1)
                .sorted()
                .toArray();
        Map<String, Long> counted = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        Cpu cpu = null;
        try {
            sampler.join();
            cpu = meter == null || first == null || last == null ? null : Cpu.between(first, last, events.sum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Throughput(name, events.sum(), (end - measureFrom) / 1e9, all, counted, cpu);
    }
}
