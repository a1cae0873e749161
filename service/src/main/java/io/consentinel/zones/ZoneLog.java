package io.consentinel.zones;

import io.consentinel.transparency.Checkpoint;
import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjLongConsumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store's transparency log: leaf i is the decision with sequence i + 1. It is extended under the chain
 * head lock, by the group commit and by the catch-up that back-fills rows the log does not cover yet.
 */
final class ZoneLog implements TransparencyLog {

    static final LogTables TABLES = new LogTables("log_", "chain_head");
    private static final DecisionRows ROWS = new DecisionRows();
    private static final int FETCH_SIZE = 500;

    private final ZoneStore store;
    private final JdbcTemplate jdbc;

    ZoneLog(ZoneStore store) {
        this.store = store;
        this.jdbc = new JdbcTemplate(store.dataSource());
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public Frontier head() {
        return TABLES.head(jdbc);
    }

    @Override
    public Map<Node, byte[]> nodes(Collection<Node> nodes) {
        return TABLES.nodes(jdbc, nodes);
    }

    @Override
    public List<ObjectNode> entries(long start, long end) {
        return jdbc.query(
                "select " + DecisionRows.COLUMNS
                        + " from decisions where sequence > ? and sequence <= ? order by sequence",
                (rs, n) -> DecisionEntries.entry(ROWS.mapRow(rs, n)),
                start,
                end);
    }

    @Override
    public void forEachEntry(long end, ObjLongConsumer<ObjectNode> consumer) {
        TransactionTemplate reading =
                new TransactionTemplate(store.transactions().getTransactionManager());
        reading.setReadOnly(true);
        reading.executeWithoutResult(status -> {
            JdbcTemplate streaming = new JdbcTemplate(store.dataSource());
            streaming.setFetchSize(FETCH_SIZE);
            streaming.query(
                    "select " + DecisionRows.COLUMNS + " from decisions where sequence <= ? order by sequence",
                    rs -> {
                        DecisionRecord row = ROWS.mapRow(rs, 0);
                        consumer.accept(DecisionEntries.entry(row), row.sequence() - 1);
                    },
                    end);
        });
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return TABLES.latest(jdbc);
    }

    @Override
    public boolean keep(Checkpoint checkpoint) {
        return TABLES.keep(jdbc, checkpoint);
    }

    /**
     * Appends the leaves of decisions the log does not cover yet, up to sequence {@code upTo}, in the
     * caller's transaction under the chain head lock. Stops at a missing sequence: leaf i is always
     * sequence i + 1, and a gap is for the integrity check to report.
     */
    static void catchUp(JdbcTemplate jdbc, Frontier tree, long upTo) {
        List<Frontier.Stored> closed = new ArrayList<>();
        jdbc.query(
                "select " + DecisionRows.COLUMNS
                        + " from decisions where sequence > ? and sequence <= ? order by sequence",
                rs -> {
                    DecisionRecord row = ROWS.mapRow(rs, 0);
                    if (row.sequence() == tree.size() + 1) {
                        closed.addAll(tree.append(DecisionLeaf.hash(row)));
                    }
                },
                tree.size(),
                upTo);
        TABLES.insert(jdbc, closed);
    }

    /** Appends the leaves of freshly chained decisions that continue the log. */
    static void append(JdbcTemplate jdbc, Frontier tree, List<DecisionRecord> chained) {
        List<Frontier.Stored> closed = new ArrayList<>(chained.size() * 2);
        for (DecisionRecord d : chained) {
            if (d.sequence() == tree.size() + 1) {
                closed.addAll(tree.append(DecisionLeaf.hash(d)));
            }
        }
        TABLES.insert(jdbc, closed);
    }

    /**
     * Back-fills the log over rows written before it existed (or behind the writer's back), a bounded
     * chunk per transaction so that start-up never holds the head for long.
     */
    long backFill(int chunk) {
        long appended = 0;
        while (true) {
            Long done = store.transactions().execute(status -> {
                Head head = Head.lock(jdbc);
                if (head.tree().size() >= head.lastSequence()) {
                    return 0L;
                }
                long before = head.tree().size();
                catchUp(jdbc, head.tree(), Math.min(head.lastSequence(), before + chunk));
                head.moveTree(jdbc);
                return head.tree().size() - before;
            });
            if (done == null || done == 0) {
                return appended;
            }
            appended += done;
        }
    }

    /** The locked chain head: the last sequence, and the log's size and right edge. */
    record Head(long lastSequence, Frontier tree) {

        static Head lock(JdbcTemplate jdbc) {
            return jdbc.queryForObject(
                    "select last_sequence, tree_size, tree_frontier from chain_head where id = 1 for update",
                    (rs, n) -> new Head(rs.getLong(1), Frontier.of(rs.getLong(2), rs.getBytes(3))));
        }

        void moveTree(JdbcTemplate jdbc) {
            jdbc.update(
                    "update chain_head set tree_size = ?, tree_frontier = ? where id = 1", tree.size(), tree.packed());
        }
    }
}
