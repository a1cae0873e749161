package io.consentinel.zones;

import io.consentinel.transparency.CanonicalJson;
import io.consentinel.transparency.tree.TreeHashes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision's leaf hash, as the zone writer makes it under the head lock: through the entry's JSON tree
 * and the general canonical writer, against the direct writer, side by side in one run. Run:
 * {@code -Djmh.args="DecisionLeafBenchmark -f 1 -wi 3 -i 5 -prof gc"}, see docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionLeafBenchmark {

    /** A page view as the default policy decides it with consent: one field minimised. */
    private final DecisionRecord decision = new DecisionRecord(
            1_234_567,
            UUID.fromString("3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11"),
            "mi-browser",
            "s-0001234",
            "ps:bench-k1:q2-7wAAAAAx9fK3mQ",
            "browsing.page_view",
            "IN",
            "in",
            "anonymised",
            List.of("MINIMISED"),
            List.of(new DecisionRecord.Field("device.imei", "device.identifier", "pseudonymise", "MINIMISED")),
            List.of("0b6c4f7e-2a51-4d0e-9f59-6a3c8e1d2b47"),
            "2026-11-24",
            Instant.parse("2026-12-02T09:59:58.120Z"),
            Instant.parse("2026-12-02T10:00:00.123456Z"));

    @Benchmark
    public byte[] throughTheJsonTree() {
        return TreeHashes.leaf(CanonicalJson.bytes(DecisionEntries.entry(decision)));
    }

    @Benchmark
    public byte[] direct() {
        return DecisionLeaf.hash(decision);
    }
}
