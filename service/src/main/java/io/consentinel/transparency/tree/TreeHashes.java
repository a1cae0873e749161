package io.consentinel.transparency.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** RFC 9162 section 2.1 hashing: a leaf is SHA-256(0x00 || bytes), an interior node SHA-256(0x01 || left || right). */
public final class TreeHashes {

    public static final int SIZE = 32;
    private static final MessageDigest INITIAL = initial();

    private TreeHashes() {}

    public static byte[] leaf(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(entry);
        return sha.digest();
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The hashes one after another, as a log's stored forms keep them. */
    public static byte[] concatenated(List<byte[]> hashes) {
        byte[] out = new byte[hashes.size() * SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i), 0, out, i * SIZE, SIZE);
        }
        return out;
    }

    /** The hash of the empty tree, SHA-256 of nothing. */
    public static byte[] empty() {
        return sha256().digest();
    }

    /**
     * A fresh digest, cloned from one that is never updated: the writers hash about two nodes per decision,
     * and a provider lookup for each cost more than cloning the initial state.
     */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) INITIAL.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("checked when the class was loaded", e);
        }
    }

    private static MessageDigest initial() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone(); // fail here, not on the first append, if this provider cannot clone
            return digest;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("a cloneable SHA-256 is required", e);
        }
    }
}
