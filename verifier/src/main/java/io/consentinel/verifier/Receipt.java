package io.consentinel.verifier;

import java.io.PrintStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code verify receipt FILE}: offline, checks that a consent receipt's checkpoint is signed by the
 * verifier key (the pinned one, if given; else the receipt's own, which is then reported so it can be
 * compared with the published key) and that its inclusion proof puts the entry in that signed tree.
 */
final class Receipt {

    private Receipt() {}

    static int check(String receiptJson, String pinnedKey, PrintStream out) {
        JsonNode receipt;
        try {
            receipt = JsonMapper.builder().build().readTree(receiptJson);
        } catch (RuntimeException e) {
            out.println("The receipt is not JSON.");
            return Verify.FAILED;
        }
        for (String member : new String[] {"entry", "leafIndex", "treeSize", "hashes", "checkpoint", "verifierKey"}) {
            if (!receipt.has(member)) {
                out.println("The receipt has no " + member + ".");
                return Verify.FAILED;
            }
        }
        String key = pinnedKey != null ? pinnedKey : receipt.get("verifierKey").asString();
        SignedCheckpoint checkpoint;
        try {
            checkpoint = SignedCheckpoint.open(receipt.get("checkpoint").asString(), key);
        } catch (SignedCheckpoint.Invalid e) {
            out.println("CAUGHT: " + e.getMessage());
            return Verify.CAUGHT;
        }
        long index = receipt.get("leafIndex").asLong();
        if (receipt.get("treeSize").asLong() != checkpoint.size()) {
            out.println("CAUGHT: the receipt's tree size is not its checkpoint's.");
            return Verify.CAUGHT;
        }
        byte[] leaf = MerkleTree.leafHash(Canonical.leaf(receipt.get("entry")));
        if (!MerkleTree.inclusion(index, checkpoint.size(), leaf, LogClient.hashes(receipt), checkpoint.root())) {
            out.println(
                    "CAUGHT: the inclusion proof does not put this entry at leaf " + index + " of the signed tree.");
            return Verify.CAUGHT;
        }
        JsonNode entry = receipt.get("entry");
        out.println(
                "OK: record " + (entry.has("recordId") ? entry.get("recordId").asString() : "?") + " is leaf "
                        + index + " of " + checkpoint.origin() + " at " + checkpoint.size() + " entries, signed by "
                        + (pinnedKey != null
                                ? "the pinned key."
                                : "the receipt's key " + key + " (compare it with the key the deployment publishes)."));
        return Verify.OK;
    }
}
