package io.consentinel.consent;

import io.consentinel.transparency.Checkpoint;
import io.consentinel.transparency.Checkpoints;
import io.consentinel.transparency.LogProofs;
import io.consentinel.transparency.Logs;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.web.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * A consent record's receipt: the consent log's entry, its inclusion proof in the current signed checkpoint,
 * and the verifier key; everything a subject needs to prove, offline and to anyone, that the ledger holds the
 * record. The API ({@code GET /v1/subjects/{id}/consents/receipts/{recordId}}) and the console both serve it.
 */
@Component
public class ConsentReceipts {

    /** The receipt as the API answers it and the console downloads it. */
    public record Receipt(
            ObjectNode entry,
            long leafIndex,
            long treeSize,
            List<String> hashes,
            String checkpoint,
            String verifierKey) {}

    private final Logs logs;
    private final Checkpoints checkpoints;
    private final LogProofs proofs;

    ConsentReceipts(Logs logs, Checkpoints checkpoints, LogProofs proofs) {
        this.logs = logs;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
    }

    /** The caller has checked that the record is the subject's, and in the asker's view. */
    public Receipt of(UUID recordId) {
        TransparencyLog log = logs.byName(ConsentLog.NAME).orElseThrow();
        long leaf = log.leafOfRecord(recordId).orElseThrow(() -> ProblemException.notFound("The record"));
        Checkpoint checkpoint = checkpoints.current(log);
        LogProofs.Inclusion inclusion = proofs.inclusion(log, leaf, checkpoint.treeSize());
        return new Receipt(
                inclusion.entry(),
                leaf,
                checkpoint.treeSize(),
                inclusion.hashes(),
                checkpoint.note(),
                checkpoints.verifierKey(log));
    }
}
