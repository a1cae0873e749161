package io.consentinel.console;

import io.consentinel.transparency.Checkpoint;
import io.consentinel.transparency.Checkpoints;
import io.consentinel.transparency.LogProofs;
import io.consentinel.transparency.SigningHaltedException;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.ProofCheck;
import io.consentinel.transparency.tree.Proofs;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the integrity page says about one transparency log: its latest signed checkpoint, whether signing is
 * halted, and whether the log still extends the checkpoint this console pinned. The checkpoint comes from
 * {@link Checkpoints#current} and the proof from {@link LogProofs}, as {@code GET /v1/audit/log/checkpoint}
 * and {@code /proof/consistency} serve them; the proof is verified with the service's own tree code.
 */
@Component
class LogIntegrity {

    /** The result of the consistency check, in words an officer can repeat to a regulator. */
    enum Verdict {
        CONSISTENT,
        NOT_CONSISTENT,
        FIRST_PIN,
        NOT_CHECKED
    }

    /**
     * One log on the page. {@code checkpoint} is the latest signed one (null only if none was ever signed);
     * {@code halted} says why signing stopped, null while the service signs.
     */
    record Status(
            String log,
            Checkpoint checkpoint,
            String halted,
            PinnedCheckpoints.Pin pin,
            Verdict verdict,
            String explanation) {

        public String root() {
            return checkpoint == null ? null : Base64.getEncoder().encodeToString(checkpoint.root());
        }

        public String pinnedRoot() {
            return pin == null ? null : Base64.getEncoder().encodeToString(pin.root());
        }
    }

    private final Checkpoints checkpoints;
    private final LogProofs proofs;
    private final PinnedCheckpoints pins;

    LogIntegrity(Checkpoints checkpoints, LogProofs proofs, PinnedCheckpoints pins) {
        this.checkpoints = checkpoints;
        this.proofs = proofs;
        this.pins = pins;
    }

    Status check(TransparencyLog log) {
        Checkpoint current = null;
        String halted = null;
        try {
            current = checkpoints.current(log);
        } catch (SigningHaltedException e) {
            halted = checkpoints
                    .halted(log)
                    // The full check reports a code ("rows-differ-from-signed-checkpoint"): shown as words.
                    .map(why -> why.contains(" ") ? why : why.replace('-', ' '))
                    .orElse("the log's rows no longer extend its last signed checkpoint");
        }
        Checkpoint shown = current != null ? current : checkpoints.newest(log).orElse(null);
        Optional<PinnedCheckpoints.Pin> pinned = pins.pinned(log.name());
        if (pinned.isEmpty()) {
            if (current == null) {
                return new Status(
                        log.name(),
                        shown,
                        halted,
                        null,
                        Verdict.NOT_CHECKED,
                        "No checkpoint is pinned yet, and none can be while signing is halted.");
            }
            pins.pin(log.name(), current);
            return new Status(
                    log.name(),
                    shown,
                    null,
                    pins.pinned(log.name()).orElse(null),
                    Verdict.FIRST_PIN,
                    "Pinned now: from the next visit on, the log is checked against this checkpoint.");
        }
        PinnedCheckpoints.Pin pin = pinned.get();
        // With signing halted there is no new signed checkpoint: the pin is checked against the tree as stored.
        long size;
        byte[] root;
        if (current != null) {
            size = current.treeSize();
            root = current.root();
        } else {
            Frontier head = log.head();
            size = head.size();
            root = head.root();
        }
        String problem = inconsistency(log, pin, size, root);
        if (problem != null) {
            return new Status(log.name(), shown, halted, pin, Verdict.NOT_CONSISTENT, problem);
        }
        if (current != null) {
            pins.pin(log.name(), current);
        }
        String against = current != null ? "the current signed checkpoint" : "the tree as stored now (unsigned)";
        return new Status(
                log.name(),
                shown,
                halted,
                pin,
                Verdict.CONSISTENT,
                "The pinned checkpoint of " + pin.treeSize() + " entries is a prefix of " + against + " of " + size
                        + " entries: nothing the log held then was changed or removed.");
    }

    /** Null when the tree of {@code size} entries and {@code root} extends the pin, else why not. */
    private String inconsistency(TransparencyLog log, PinnedCheckpoints.Pin pin, long size, byte[] root) {
        if (size < pin.treeSize()) {
            return "The log now has " + size + " entries, fewer than the " + pin.treeSize()
                    + " of the pinned checkpoint: entries were removed.";
        }
        List<byte[]> proof;
        try {
            proof = proofs.consistency(log, pin.treeSize(), size).hashes().stream()
                    .map(Base64.getDecoder()::decode)
                    .toList();
        } catch (Proofs.MissingNodeException e) {
            return "The stored tree lacks subtrees that the proof from the pinned checkpoint needs.";
        }
        if (!ProofCheck.consistency(pin.treeSize(), size, proof, pin.root(), root)) {
            return "The log of " + size + " entries does not extend the pinned checkpoint of " + pin.treeSize()
                    + " entries: entries it held were changed.";
        }
        return null;
    }
}
