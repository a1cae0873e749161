package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.TreeHashes;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import tools.jackson.databind.node.ObjectNode;

/**
 * Why signing one log is halted, with the cheapest evidence that it still must be. While halted, each
 * checkpoint request re-tests only that evidence (O(log n) stored hashes, or the few rows the full check
 * pinned the problem to) and runs the full O(n) check ({@link LogCheck}) once the evidence is gone, so
 * signing resumes as soon as the rows extend the log again. A problem the full check cannot pin to a place
 * is re-checked at most once per {@link #UNPINNED_RECHECK}.
 */
final class Halt {

    static final Duration UNPINNED_RECHECK = Duration.ofMinutes(1);
    /** Rows compared per read when the full check failed and the differing leaf is to be found. */
    static final int PAGE = 256;

    private enum Evidence {
        /** The stored tree does not give the signed root at the signed size. */
        SIGNED_ROOT,
        /** Rows in {@code [start, end)} are missing or do not hash to the leaves the log stores for them. */
        LEAVES,
        /** Nothing cheaper than the full check shows the problem. */
        NONE
    }

    private final String problem;
    private final Evidence evidence;
    private final long start;
    private final long end;
    private final Instant checkedAt;

    private Halt(String problem, Evidence evidence, long start, long end, Instant checkedAt) {
        this.problem = problem;
        this.evidence = evidence;
        this.start = start;
        this.end = end;
        this.checkedAt = checkedAt;
    }

    String problem() {
        return problem;
    }

    /** Halted because the stored tree no longer has the signed root. */
    static Halt signedRoot(String problem, Instant at) {
        return new Halt(problem, Evidence.SIGNED_ROOT, 0, 0, at);
    }

    /** Halted by a failed full check: pins the problem to the signed root or to rows, if it can. */
    static Halt afterCheck(
            String problem, Long firstInvalidLeaf, TransparencyLog log, Optional<Checkpoint> signed, Instant at) {
        Frontier head = log.head();
        if (signed.isPresent() && Checkpoints.extendsSigned(log, head, signed.get()) != null) {
            return signedRoot(problem, at);
        }
        if (firstInvalidLeaf != null) {
            return new Halt(problem, Evidence.LEAVES, firstInvalidLeaf, firstInvalidLeaf + 1, at);
        }
        for (long from = 0; from < head.size(); from += PAGE) {
            long to = Math.min(head.size(), from + PAGE);
            long[] stray = stray(log, from, to);
            if (stray != null) {
                return new Halt(problem, Evidence.LEAVES, stray[0], stray[1], at);
            }
        }
        return new Halt(problem, Evidence.NONE, 0, 0, at);
    }

    /**
     * True while the evidence still shows the problem, false when the full check is due. {@code signed} is
     * the newest signed checkpoint, whose root the stored tree must still give.
     */
    boolean stillShown(TransparencyLog log, Frontier head, Optional<Checkpoint> signed, Instant now) {
        if (signed.isPresent() && Checkpoints.extendsSigned(log, head, signed.get()) != null) {
            return true;
        }
        return switch (evidence) {
            case SIGNED_ROOT -> false;
            case LEAVES -> stray(log, start, end) != null;
            case NONE -> now.isBefore(checkedAt.plus(UNPINNED_RECHECK));
        };
    }

    /**
     * Where in {@code [from, to)} rows do not give the stored leaves: the first leaf whose row hashes
     * otherwise than stored, or the whole range when a row is missing from it; null when all agree.
     */
    private static long[] stray(TransparencyLog log, long from, long to) {
        List<ObjectNode> entries = log.entries(from, to);
        if (entries.size() != to - from) {
            return new long[] {from, to};
        }
        List<Node> leaves =
                LongStream.range(from, to).mapToObj(i -> new Node(0, i)).toList();
        Map<Node, byte[]> stored = log.nodes(leaves);
        for (int i = 0; i < entries.size(); i++) {
            byte[] leaf = TreeHashes.leaf(CanonicalJson.bytes(entries.get(i)));
            byte[] kept = stored.get(leaves.get(i));
            if (kept == null || !MessageDigest.isEqual(leaf, kept)) {
                return new long[] {from + i, from + i + 1};
            }
        }
        return null;
    }
}
