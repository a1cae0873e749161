package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Proofs;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Signs checkpoints, and never two of one log that disagree. Before signing a new size it checks that the
 * stored tree still has, at the newest signed size, the root that was signed: the newest kept in the
 * store, or the newest this node signed, whichever is larger (so rewinding the store's own checkpoint
 * table does not fool a running node). If not, it stops signing that log, and says why, until a full
 * check of the rows ({@link LogCheck}) passes again, after a restore say. While halted, a request re-runs
 * that O(n) check only once the cheap evidence of the problem is gone ({@link Halt}).
 */
@Component
public class Checkpoints {

    private final SigningKey key;
    private final String origin;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    Checkpoints(SigningKey key, LogProperties properties, Clock clock) {
        this.key = key;
        this.origin = properties.origin();
        this.clock = clock;
    }

    /** The log's origin line and key name. */
    public String origin(TransparencyLog log) {
        return origin + "/" + log.name();
    }

    public String verifierKey(TransparencyLog log) {
        return key.verifierKey(origin(log));
    }

    /** Why signing the log is halted, or empty when it is not (as far as this node has seen). */
    public Optional<String> halted(TransparencyLog log) {
        Halt halt = state(log).halt;
        return Optional.ofNullable(halt == null ? null : halt.problem());
    }

    /** The newest checkpoint this node knows, for reports. */
    public Optional<Checkpoint> newest(TransparencyLog log) {
        return newer(log.latestCheckpoint(), state(log).lastSigned);
    }

    /** Runs the full check, and halts or resumes signing by its result. */
    public LogCheck.Result check(TransparencyLog log) {
        State state = state(log);
        synchronized (state) {
            Optional<Checkpoint> signed = newer(log.latestCheckpoint(), state.lastSigned);
            LogCheck.Result result = LogCheck.run(log, signed);
            state.halt = result.problem() == null
                    ? null
                    : Halt.afterCheck(result.problem(), result.firstInvalidLeaf(), log, signed, clock.instant());
            return result;
        }
    }

    /**
     * A signed checkpoint covering every entry committed before this call: the kept one when the log has
     * not grown, else a new one. Throws when the log no longer extends what was signed.
     */
    public Checkpoint current(TransparencyLog log) {
        State state = state(log);
        synchronized (state) {
            Frontier head = log.head();
            Optional<Checkpoint> last = newer(log.latestCheckpoint(), state.lastSigned);
            Halt halt = state.halt;
            if (halt != null) {
                if (halt.stillShown(log, head, last, clock.instant())) {
                    throw new SigningHaltedException(log.name(), halt.problem());
                }
                check(log);
                if (state.halt != null) {
                    throw new SigningHaltedException(log.name(), state.halt.problem());
                }
            }
            String problem =
                    last.map(signed -> extendsSigned(log, head, signed)).orElse(null);
            if (problem != null) {
                state.halt = Halt.signedRoot(problem, clock.instant());
                throw new SigningHaltedException(log.name(), problem);
            }
            if (last.isPresent() && last.get().treeSize() == head.size()) {
                return last.get();
            }
            Checkpoint signed = sign(log, head.size(), head.root());
            if (!log.keep(signed)) {
                // Another node signed this size meanwhile; serve the kept one, which has the same root.
                signed = log.latestCheckpoint()
                        .filter(kept -> kept.treeSize() == head.size())
                        .orElse(signed);
            }
            state.lastSigned = signed;
            return signed;
        }
    }

    /** Null when the stored tree still has the signed root at the signed size, else what is wrong. */
    static String extendsSigned(TransparencyLog log, Frontier head, Checkpoint signed) {
        if (head.size() < signed.treeSize()) {
            return "the log has " + head.size() + " entries, fewer than the " + signed.treeSize() + " already signed";
        }
        byte[] root;
        try {
            root = head.size() == signed.treeSize()
                    ? head.root()
                    : Proofs.root(signed.treeSize(), log.nodes(Frontier.nodes(signed.treeSize()))::get);
        } catch (Proofs.MissingNodeException e) {
            return "the stored tree lacks subtrees of the signed size " + signed.treeSize();
        }
        if (!MessageDigest.isEqual(root, signed.root())) {
            return "the stored tree no longer has the signed root at size " + signed.treeSize();
        }
        return null;
    }

    private Checkpoint sign(TransparencyLog log, long size, byte[] root) {
        String name = origin(log);
        String text = name + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
        return new Checkpoint(size, root, key.signNote(name, text), Instant.now(clock));
    }

    private static Optional<Checkpoint> newer(Optional<Checkpoint> kept, Checkpoint memory) {
        if (memory == null) {
            return kept;
        }
        return kept.isPresent() && kept.get().treeSize() >= memory.treeSize() ? kept : Optional.of(memory);
    }

    private State state(TransparencyLog log) {
        return states.computeIfAbsent(log.name(), name -> new State());
    }

    /** Per log, on this node: the newest checkpoint it signed and why signing is halted, if it is. */
    private static final class State {
        private volatile Checkpoint lastSigned;
        private volatile Halt halt;
    }
}
