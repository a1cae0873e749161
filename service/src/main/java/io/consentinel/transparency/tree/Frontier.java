package io.consentinel.transparency.tree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right edge of a tree: the hashes of its maximal complete subtrees, largest first, one for each bit
 * set in its size. It is all that appending needs (O(log n) hashes), and it folds into the root. Appending
 * reports the complete subtrees it closes, which a store keeps so that proofs never rebuild the tree.
 */
public final class Frontier {

    private long size;
    private final List<byte[]> hashes;

    private Frontier(long size, List<byte[]> hashes) {
        if (Long.bitCount(size) != hashes.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " frontier hashes, not " + hashes.size());
        }
        this.size = size;
        this.hashes = hashes;
    }

    public static Frontier empty() {
        return new Frontier(0, new ArrayList<>());
    }

    /** From its stored form: the hashes concatenated, largest subtree first. */
    public static Frontier of(long size, byte[] packed) {
        if (packed.length % TreeHashes.SIZE != 0) {
            throw new IllegalArgumentException("a packed frontier is a whole number of hashes");
        }
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < packed.length; i += TreeHashes.SIZE) {
            hashes.add(Arrays.copyOfRange(packed, i, i + TreeHashes.SIZE));
        }
        return new Frontier(size, hashes);
    }

    /** From the stored nodes of a tree's maximal complete subtrees, as {@link #nodes(long)} lists them. */
    public static Frontier of(long size, List<byte[]> hashes) {
        return new Frontier(size, new ArrayList<>(hashes));
    }

    /** The maximal complete subtrees of a tree of {@code size} leaves, largest (leftmost) first. */
    public static List<Node> nodes(long size) {
        List<Node> nodes = new ArrayList<>();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                nodes.add(new Node(level, start >> level));
                start += 1L << level;
            }
        }
        return nodes;
    }

    public long size() {
        return size;
    }

    public byte[] packed() {
        return TreeHashes.concatenated(hashes);
    }

    /**
     * Appends one leaf by its leaf hash and returns the complete subtrees it closes: the leaf itself, then
     * each parent completed by it, lowest first.
     */
    public List<Stored> append(byte[] leafHash) {
        List<Stored> closed = new ArrayList<>(2);
        long index = size;
        byte[] hash = leafHash;
        int level = 0;
        closed.add(new Stored(new Node(0, index), hash));
        while ((index & (1L << level)) != 0) {
            byte[] left = hashes.removeLast();
            hash = TreeHashes.node(left, hash);
            level++;
            closed.add(new Stored(new Node(level, index >> level), hash));
        }
        hashes.add(hash);
        size++;
        return closed;
    }

    /** The root hash, MTH of every leaf (RFC 9162 section 2.1.1). */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return TreeHashes.empty();
        }
        byte[] root = hashes.getLast();
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = TreeHashes.node(hashes.get(i), root);
        }
        return root;
    }

    public Frontier copy() {
        return new Frontier(size, new ArrayList<>(hashes));
    }

    /** A complete subtree and its hash, as a store keeps it. */
    public record Stored(Node node, byte[] hash) {}
}
