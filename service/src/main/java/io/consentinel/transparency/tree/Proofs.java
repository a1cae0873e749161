package io.consentinel.transparency.tree;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Inclusion and consistency proofs (RFC 9162 sections 2.1.3.1 and 2.1.4.1), made from stored complete
 * subtrees. A proof is first planned as the subtree ranges the RFC's recursion names; each range is then
 * the right fold of the complete subtrees it splits into, so a store fetches O(log n) stored hashes in one
 * read and never rebuilds the tree.
 */
public final class Proofs {

    private Proofs() {}

    /** The leaves {@code [start, end)} of a subtree that RFC 9162's recursion names. */
    public record Range(long start, long end) {

        /** Its maximal complete aligned subtrees, left to right. */
        public List<Node> nodes() {
            List<Node> nodes = new ArrayList<>();
            long at = start;
            while (at < end) {
                int level = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
                while ((1L << level) > end - at) {
                    level--;
                }
                nodes.add(new Node(level, at >> level));
                at += 1L << level;
            }
            return nodes;
        }

        /** MTH of these leaves, folded from the stored hashes of {@link #nodes()}. */
        public byte[] hash(Function<Node, byte[]> stored) {
            List<Node> nodes = nodes();
            if (nodes.isEmpty()) {
                return TreeHashes.empty();
            }
            byte[] hash = require(stored, nodes.getLast());
            for (int i = nodes.size() - 2; i >= 0; i--) {
                hash = TreeHashes.node(require(stored, nodes.get(i)), hash);
            }
            return hash;
        }
    }

    /** The audit path of leaf {@code index} in a tree of {@code size} leaves, leaf side first. */
    public static List<Range> inclusion(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<Range> path = new ArrayList<>();
        path(index, 0, size, path);
        return path;
    }

    private static void path(long index, long start, long end, List<Range> out) {
        if (end - start == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(end - start);
        if (index < start + k) {
            path(index, start, start + k, out);
            out.add(new Range(start + k, end));
        } else {
            path(index, start + k, end, out);
            out.add(new Range(start, start + k));
        }
    }

    /** The proof that the tree of {@code to} leaves extends the one of {@code from}; empty when they are equal or from is 0. */
    public static List<Range> consistency(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<Range> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            subproof(from, 0, to, true, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean whole, List<Range> out) {
        long n = end - start;
        if (m == n) {
            if (!whole) {
                out.add(new Range(start, end));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, whole, out);
            out.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, out);
            out.add(new Range(start, start + k));
        }
    }

    /** Every stored subtree these ranges need, for one read. */
    public static Set<Node> nodes(List<Range> ranges) {
        Set<Node> nodes = new LinkedHashSet<>();
        ranges.forEach(range -> nodes.addAll(range.nodes()));
        return nodes;
    }

    public static List<byte[]> hashes(List<Range> ranges, Function<Node, byte[]> stored) {
        List<byte[]> hashes = new ArrayList<>(ranges.size());
        ranges.forEach(range -> hashes.add(range.hash(stored)));
        return hashes;
    }

    /** The root of the tree of {@code size} leaves, from stored subtrees. */
    public static byte[] root(long size, Function<Node, byte[]> stored) {
        return new Range(0, size).hash(stored);
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static byte[] require(Function<Node, byte[]> stored, Node node) {
        byte[] hash = stored.apply(node);
        if (hash == null) {
            throw new MissingNodeException(node);
        }
        return hash;
    }

    /** A subtree the store should hold but does not: its tree is damaged or was rewound. */
    public static final class MissingNodeException extends RuntimeException {
        public MissingNodeException(Node node) {
            super("stored subtree missing: level " + node.level() + ", index " + node.index());
        }
    }
}
