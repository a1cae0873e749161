package io.consentinel.support;

import io.consentinel.zones.DecisionChain;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.ZoneStore;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recomputes a store's whole chain, independently of the service's own verifier. */
public final class ChainCheck {

    private ChainCheck() {}

    /** The number of decisions checked; fails on a gap, a wrong hash or a head that does not match. */
    public static long verify(ZoneStore store) {
        return verify(store.name(), store.jdbc());
    }

    public static long verify(String name, JdbcClient jdbc) {
        List<DecisionRecord> rows = jdbc
                .sql("select " + DecisionRows.COLUMNS + " from decisions order by sequence")
                .query(new DecisionRows()).list();
        byte[] previous = DecisionChain.GENESIS;
        long expected = 1;
        for (DecisionRecord row : rows) {
            if (row.sequence() != expected) {
                throw new AssertionError(name + ": sequence " + expected + " missing, found " + row.sequence());
            }
            byte[] hash = DecisionChain.link(previous, row.withChain(row.sequence(), null));
            if (!Arrays.equals(hash, row.hash())) {
                throw new AssertionError(name + ": hash mismatch at sequence " + row.sequence());
            }
            previous = hash;
            expected++;
        }
        long head = jdbc.sql("select last_sequence from chain_head").query(Long.class).single();
        if (head != rows.size()) {
            throw new AssertionError(name + ": head says " + head + " but " + rows.size() + " rows exist");
        }
        return rows.size();
    }
}
