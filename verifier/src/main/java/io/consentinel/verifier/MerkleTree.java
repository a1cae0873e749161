package io.consentinel.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * RFC 9162 section 2.1, from the verifier's side: leaf and node hashes, the root of a stream of leaves, and
 * the checks of inclusion (2.1.3.2) and consistency (2.1.4.2) proofs.
 */
final class MerkleTree {

    private MerkleTree() {}

    static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        sha.update(leaf);
        return sha.digest();
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** Folds leaf hashes, in order, into the root: a stack of perfect subtrees, merged as they pair up. */
    static final class Root {
        private final Deque<byte[]> stack = new ArrayDeque<>();
        private final Deque<Long> sizes = new ArrayDeque<>();
        private long count;

        void add(byte[] leafHash) {
            byte[] hash = leafHash;
            long size = 1;
            while (!sizes.isEmpty() && sizes.peek() == size) {
                hash = nodeHash(stack.pop(), hash);
                size += sizes.pop();
            }
            stack.push(hash);
            sizes.push(size);
            count++;
        }

        long count() {
            return count;
        }

        byte[] value() {
            if (stack.isEmpty()) {
                return sha256().digest();
            }
            byte[] root = null;
            for (byte[] hash : stack) {
                root = root == null ? hash : nodeHash(hash, root);
            }
            return root;
        }
    }

    static boolean inclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    static boolean consistency(long first, long second, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
        if (first <= 0 || first > second) {
            return false;
        }
        if (first == second) {
            return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        int next = 0;
        byte[] seed = Long.bitCount(first) == 1 ? firstRoot : proof.get(next++);
        long fn = first - 1;
        long sn = second - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = seed;
        byte[] sr = seed;
        for (; next < proof.size(); next++) {
            byte[] c = proof.get(next);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
