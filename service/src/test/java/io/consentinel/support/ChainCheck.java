package io.consentinel.support;

import io.consentinel.transparency.CanonicalJson;
import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.TreeHashes;
import io.consentinel.zones.DecisionEntries;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.ZoneStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Recomputes a store's whole transparency log from its rows, independently of the service's own check. */
public final class ChainCheck {

    private ChainCheck() {}

    /** The number of decisions checked; fails on a gap, a leaf that differs, or a head that does not match. */
    public static long verify(ZoneStore store) {
        return verify(store.name(), store.jdbc());
    }

    public static long verify(String name, JdbcClient jdbc) {
        List<DecisionRecord> rows = jdbc.sql("select " + DecisionRows.COLUMNS + " from decisions order by sequence")
                .query(new DecisionRows())
                .list();
        Map<Long, byte[]> leaves = new HashMap<>();
        jdbc.sql("select block, hashes from log_node_blocks where level = 0").query(rs -> {
            byte[] hashes = rs.getBytes(2);
            for (int i = 0; i < hashes.length / TreeHashes.SIZE; i++) {
                leaves.put(
                        rs.getLong(1) * LogTables.BLOCK + i,
                        Arrays.copyOfRange(hashes, i * TreeHashes.SIZE, (i + 1) * TreeHashes.SIZE));
            }
        });
        Frontier rebuilt = Frontier.empty();
        long expected = 1;
        for (DecisionRecord row : rows) {
            if (row.sequence() != expected) {
                throw new AssertionError(name + ": sequence " + expected + " missing, found " + row.sequence());
            }
            byte[] leaf = TreeHashes.leaf(CanonicalJson.bytes(DecisionEntries.entry(row)));
            if (!Arrays.equals(leaf, leaves.get(row.sequence() - 1))) {
                throw new AssertionError(name + ": leaf mismatch at sequence " + row.sequence());
            }
            rebuilt.append(leaf);
            expected++;
        }
        record Head(long lastSequence, Frontier tree) {}
        Head head = jdbc.sql("select last_sequence, tree_size, tree_frontier from chain_head")
                .query((rs, n) -> new Head(rs.getLong(1), Frontier.of(rs.getLong(2), rs.getBytes(3))))
                .single();
        if (head.lastSequence() != rows.size() || head.tree().size() != rows.size()) {
            throw new AssertionError(name + ": head says " + head.lastSequence() + " (log "
                    + head.tree().size() + ") but " + rows.size() + " rows exist");
        }
        if (!Arrays.equals(rebuilt.root(), head.tree().root())) {
            throw new AssertionError(name + ": the log's root is not the rows' root");
        }
        return rows.size();
    }
}
