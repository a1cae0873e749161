package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.TreeHashes;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The full check of one log against its rows: every entry is re-read from the rows and hashed into a
 * fresh tree, whose roots are compared with the newest signed checkpoint and with the stored head. O(n)
 * reads, O(log n) memory: for the integrity endpoint and before a halted log is signed again.
 */
public final class LogCheck {

    private LogCheck() {}

    /**
     * What the check found: {@code problem} is null when the rows extend what was signed and give the
     * stored head; {@code firstInvalidLeaf} is the first leaf found missing, when that is the problem.
     */
    public record Result(long treeSize, long checked, Long firstInvalidLeaf, String problem) {}

    static Result run(TransparencyLog log, Optional<Checkpoint> signed) {
        Frontier head = log.head();
        long signedSize = signed.map(Checkpoint::treeSize).orElse(0L);
        Walk walk = new Walk(signedSize, head.size());
        log.forEachEntry(Math.max(head.size(), signedSize), walk::add);
        if (signed.isPresent() && walk.rootAtSigned == null) {
            return new Result(head.size(), walk.tree.size(), walk.tree.size(), "rows-missing-below-signed-size");
        }
        if (signed.isPresent()
                && !MessageDigest.isEqual(walk.rootAtSigned, signed.get().root())) {
            return new Result(head.size(), walk.tree.size(), null, "rows-differ-from-signed-checkpoint");
        }
        if (head.size() < signedSize) {
            return new Result(head.size(), walk.tree.size(), null, "log-shorter-than-signed-checkpoint");
        }
        if (walk.rootAtHead == null) {
            return new Result(head.size(), walk.tree.size(), walk.tree.size(), "rows-missing");
        }
        if (!MessageDigest.isEqual(walk.rootAtHead, head.root())) {
            return new Result(head.size(), walk.tree.size(), null, "rows-differ-from-log");
        }
        return new Result(head.size(), walk.tree.size(), null, null);
    }

    /** One pass over the entries in leaf order; it stops adding at the first gap. */
    private static final class Walk {
        private final long signedSize;
        private final long headSize;
        private final Frontier tree = Frontier.empty();
        private boolean broken;
        private byte[] rootAtSigned;
        private byte[] rootAtHead;

        Walk(long signedSize, long headSize) {
            this.signedSize = signedSize;
            this.headSize = headSize;
            record();
        }

        void add(tools.jackson.databind.node.ObjectNode entry, long index) {
            if (broken || index != tree.size()) {
                broken = true;
                return;
            }
            tree.append(TreeHashes.leaf(CanonicalJson.bytes(entry)));
            record();
        }

        private void record() {
            if (tree.size() == signedSize) {
                rootAtSigned = tree.root();
            }
            if (tree.size() == headSize) {
                rootAtHead = tree.root();
            }
        }
    }
}
