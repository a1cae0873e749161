package io.consentinel.audit;

import io.consentinel.transparency.LogCheck;
import io.consentinel.zones.StoreIntegrity;

/**
 * The answer of {@code /v1/audit/integrity}: the store's rows against its log, and the log against what
 * was signed.
 * {@code valid} holds only when both do; {@code log.signing} is false while the service refuses to sign the
 * log because its rows no longer extend the last signed checkpoint.
 */
record IntegrityReport(String zone, long checked, boolean valid, Long firstInvalidSequence, String problem, Log log) {

    /** The log's side: its size, the newest signed size, whether it is being signed, and what is wrong. */
    record Log(long treeSize, long signedSize, boolean signing, String problem) {}

    static IntegrityReport of(StoreIntegrity.Report chain, LogCheck.Result logCheck, long signedSize) {
        Log log = new Log(logCheck.treeSize(), signedSize, logCheck.problem() == null, logCheck.problem());
        if (chain != null && !chain.valid()) {
            return new IntegrityReport(
                    chain.zone(), chain.checked(), false, chain.firstInvalidSequence(), chain.problem(), log);
        }
        String zone = chain != null ? chain.zone() : null;
        long checked = chain != null ? chain.checked() : logCheck.checked();
        if (logCheck.problem() != null) {
            Long first = logCheck.firstInvalidLeaf() == null ? null : logCheck.firstInvalidLeaf() + 1;
            return new IntegrityReport(zone, checked, false, first, logCheck.problem(), log);
        }
        return new IntegrityReport(zone, checked, true, null, null, log);
    }
}
