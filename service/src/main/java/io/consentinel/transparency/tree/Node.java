package io.consentinel.transparency.tree;

/**
 * A complete, aligned subtree: the {@code 2^level} leaves from {@code index * 2^level}. These are the only
 * hashes a log stores; every other subtree hash a proof needs is folded from them.
 */
public record Node(int level, long index) {

    public Node {
        if (level < 0 || level > 62 || index < 0) {
            throw new IllegalArgumentException("no such node: level " + level + ", index " + index);
        }
    }

    public long firstLeaf() {
        return index << level;
    }

    public long endLeaf() {
        return (index + 1) << level;
    }
}
