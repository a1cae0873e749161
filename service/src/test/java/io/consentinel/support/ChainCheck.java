package io.consentinel.support;

import io.consentinel.zones.DecisionChain;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.ZoneStore;
import java.util.Arrays;
import java.util.List;

/** Recomputes a store's whole chain, independently of the service's own verifier. */
public final class ChainCheck {

    private ChainCheck() {}

    /** The number of decisions checked; fails on a gap, a wrong hash or a head that does not match. */
    public static long verify(ZoneStore store) {
        List<DecisionRecord> rows = store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions order by sequence")
                .query(new DecisionRows()).list();
        byte[] previous = DecisionChain.GENESIS;
        long expected = 1;
        for (DecisionRecord row : rows) {
            if (row.sequence() != expected) {
                throw new AssertionError(store.name() + ": sequence " + expected + " missing, found " + row.sequence());
            }
            byte[] hash = DecisionChain.link(previous, row.withChain(row.sequence(), null));
            if (!Arrays.equals(hash, row.hash())) {
                throw new AssertionError(store.name() + ": hash mismatch at sequence " + row.sequence());
            }
            previous = hash;
            expected++;
        }
        long head = store.jdbc().sql("select last_sequence from chain_head").query(Long.class).single();
        if (head != rows.size()) {
            throw new AssertionError(store.name() + ": head says " + head + " but " + rows.size() + " rows exist");
        }
        return rows.size();
    }
}
