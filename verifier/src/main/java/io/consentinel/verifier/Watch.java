package io.consentinel.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * {@code verify watch}: fetches the newest checkpoint, checks its signature against the pinned key, and
 * proves with a consistency proof that the log only appended to the checkpoint kept from the last run.
 * Only then is the new checkpoint kept. A fork or a rollback is reported and the old checkpoint stays.
 */
final class Watch {

    private final LogClient client;
    private final String verifierKey;
    private final Path state;
    private final PrintStream out;

    Watch(LogClient client, String verifierKey, Path state, PrintStream out) {
        this.client = client;
        this.verifierKey = verifierKey;
        this.state = state;
        this.out = out;
    }

    int run() throws IOException {
        SignedCheckpoint latest;
        try {
            latest = SignedCheckpoint.open(client.checkpoint(), verifierKey);
        } catch (SignedCheckpoint.Invalid e) {
            out.println("CAUGHT: " + e.getMessage());
            return Verify.CAUGHT;
        }
        Path kept = keptFile(state, latest.origin());
        if (!Files.exists(kept)) {
            keep(kept, latest);
            out.println("OK: first checkpoint of " + latest.origin() + " kept, " + latest.size() + " entries.");
            return Verify.OK;
        }
        SignedCheckpoint earlier;
        try {
            earlier = SignedCheckpoint.open(Files.readString(kept, StandardCharsets.UTF_8), verifierKey);
        } catch (SignedCheckpoint.Invalid e) {
            out.println("The checkpoint kept in " + kept + " does not verify with the pinned key: " + e.getMessage());
            return Verify.FAILED;
        }
        if (latest.size() < earlier.size()) {
            out.println("CAUGHT: rollback. " + latest.origin() + " now signs " + latest.size()
                    + " entries, but it signed " + earlier.size() + " before: entries were removed.");
            return Verify.CAUGHT;
        }
        if (latest.size() == earlier.size()) {
            if (!MessageDigest.isEqual(latest.root(), earlier.root())) {
                out.println("CAUGHT: fork. " + latest.origin() + " signed two different trees of " + latest.size()
                        + " entries.");
                return Verify.CAUGHT;
            }
            out.println("OK: " + latest.origin() + " unchanged at " + latest.size() + " entries.");
            return Verify.OK;
        }
        boolean consistent = earlier.size() == 0
                || MerkleTree.consistency(
                        earlier.size(),
                        latest.size(),
                        client.consistency(earlier.size(), latest.size()),
                        earlier.root(),
                        latest.root());
        if (!consistent) {
            out.println("CAUGHT: fork. " + latest.origin() + " at " + latest.size()
                    + " entries does not extend the checkpoint of " + earlier.size()
                    + " entries kept earlier: entries it had already signed were changed or removed.");
            return Verify.CAUGHT;
        }
        keep(kept, latest);
        out.println("OK: " + latest.origin() + " grew from " + earlier.size() + " to " + latest.size()
                + " entries, appending only; new checkpoint kept.");
        return Verify.OK;
    }

    static Path keptFile(Path state, String origin) {
        return state.resolve(origin.replaceAll("[^A-Za-z0-9._-]", "_") + ".checkpoint");
    }

    private static void keep(Path kept, SignedCheckpoint checkpoint) throws IOException {
        Files.createDirectories(kept.getParent());
        Path next = kept.resolveSibling(kept.getFileName() + ".new");
        Files.writeString(next, checkpoint.note(), StandardCharsets.UTF_8);
        Files.move(next, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
