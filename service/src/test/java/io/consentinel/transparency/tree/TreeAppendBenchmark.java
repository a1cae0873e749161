package io.consentinel.transparency.tree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The tree core's cost per group commit: appending 1000 leaf hashes to a log of a million entries (what
 * a full group adds) and then proving one of them, with the stored subtrees in memory. The database round
 * trips are not in it. Run: {@code -Djmh.args="TreeAppendBenchmark -f 1 -wi 3 -i 5"}, see docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class TreeAppendBenchmark {

    private static final int BASE = 1 << 20;
    private static final int GROUP = 1000;

    private final byte[][] leaves = new byte[GROUP][];
    private Frontier base;
    private Map<Node, byte[]> stored;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        base = Frontier.empty();
        stored = new HashMap<>();
        byte[] leaf = new byte[32];
        for (int i = 0; i < BASE; i++) {
            random.nextBytes(leaf);
            base.append(leaf.clone()).forEach(s -> stored.put(s.node(), s.hash()));
        }
        for (int i = 0; i < GROUP; i++) {
            leaves[i] = new byte[200];
            random.nextBytes(leaves[i]);
        }
    }

    @Benchmark
    public void append1000LeavesAndProveOne(Blackhole sink) {
        Frontier tree = base.copy();
        Map<Node, byte[]> added = new HashMap<>(4 * GROUP);
        for (byte[] leaf : leaves) {
            tree.append(TreeHashes.leaf(leaf)).forEach(s -> added.put(s.node(), s.hash()));
        }
        long size = tree.size();
        List<Proofs.Range> path = Proofs.inclusion(size - 500, size);
        sink.consume(Proofs.hashes(path, node -> {
            byte[] hash = added.get(node);
            return hash != null ? hash : stored.get(node);
        }));
        sink.consume(tree.root());
    }
}
