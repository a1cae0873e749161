package io.consentinel.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code verify audit}: downloads every entry up to a freshly signed checkpoint, recomputes each leaf from
 * its entry and the root from the leaves, and compares it with the signed root; with a state folder, also
 * the root over the first entries with the checkpoint kept there. It proves that the entries served are
 * exactly the ones signed, and, with the state, that none signed earlier was changed since.
 */
final class Audit {

    private final LogClient client;
    private final String verifierKey;
    private final Path state;
    private final PrintStream out;

    Audit(LogClient client, String verifierKey, Path state, PrintStream out) {
        this.client = client;
        this.verifierKey = verifierKey;
        this.state = state;
        this.out = out;
    }

    int run() throws IOException {
        SignedCheckpoint latest;
        SignedCheckpoint earlier = null;
        try {
            latest = SignedCheckpoint.open(client.checkpoint(), verifierKey);
            if (state != null && Files.exists(Watch.keptFile(state, latest.origin()))) {
                earlier = SignedCheckpoint.open(
                        Files.readString(Watch.keptFile(state, latest.origin()), StandardCharsets.UTF_8), verifierKey);
            }
        } catch (SignedCheckpoint.Invalid e) {
            out.println("CAUGHT: " + e.getMessage());
            return Verify.CAUGHT;
        }
        if (earlier != null && earlier.size() > latest.size()) {
            out.println("CAUGHT: rollback. " + latest.origin() + " now signs " + latest.size()
                    + " entries, but it signed " + earlier.size() + " before.");
            return Verify.CAUGHT;
        }
        MerkleTree.Root root = new MerkleTree.Root();
        boolean decisions = true;
        for (long start = 0; start < latest.size(); start += LogClient.PAGE) {
            List<JsonNode> entries = client.entries(start, Math.min(latest.size(), start + LogClient.PAGE));
            for (JsonNode entry : entries) {
                long index = root.count();
                if (entry.has("sequence") && entry.get("sequence").asLong() != index + 1) {
                    out.println("CAUGHT: leaf " + index + " holds sequence "
                            + entry.get("sequence").asLong() + "; leaf i must be the decision with sequence i + 1.");
                    return Verify.CAUGHT;
                }
                decisions &= entry.has("sequence");
                root.add(MerkleTree.leafHash(Canonical.leaf(entry)));
                if (earlier != null
                        && root.count() == earlier.size()
                        && !MessageDigest.isEqual(root.value(), earlier.root())) {
                    out.println("CAUGHT: the first " + earlier.size() + " entries served today do not hash to the"
                            + " root of the checkpoint kept earlier: entries already signed were changed.");
                    return Verify.CAUGHT;
                }
            }
            if (entries.isEmpty()) {
                break;
            }
        }
        if (root.count() != latest.size()) {
            out.println("CAUGHT: the checkpoint signs " + latest.size() + " entries but the service served "
                    + root.count() + ".");
            return Verify.CAUGHT;
        }
        if (!MessageDigest.isEqual(root.value(), latest.root())) {
            out.println("CAUGHT: the " + latest.size() + " entries served do not hash to the signed root of "
                    + latest.origin() + ": an entry was changed after it was signed.");
            return Verify.CAUGHT;
        }
        out.println("OK: all " + latest.size() + " entries of " + latest.origin() + " hash to the signed root"
                + (earlier != null ? ", and the first " + earlier.size() + " to the checkpoint kept earlier" : "")
                + (decisions && latest.size() > 0 ? "; sequences are contiguous from 1." : "."));
        return Verify.OK;
    }
}
