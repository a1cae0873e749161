package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.TreeHashes;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements on a log's own tables ({@code <prefix>node_blocks}, {@code <prefix>checkpoints}), shared by
 * the features that keep logs. Each runs in the caller's transaction, as one round trip.
 *
 * <p>A log has about two complete subtrees per leaf. One row each cost PostgreSQL more per decision than
 * anything else the writer adds to the decision and event rows, so a row holds a block: the hashes of up to
 * {@value #BLOCK} consecutive subtrees of one level, concatenated. Appends only ever extend the last block
 * of each level.
 */
public final class LogTables {

    /** Subtrees per block row: 1 KiB of hashes, small enough that PostgreSQL keeps the row inline. */
    public static final int BLOCK = 32;

    private final String blocks;
    private final String checkpoints;
    private final String head;

    /** The tables {@code <prefix>node_blocks} and {@code <prefix>checkpoints}, and the one-row head table. */
    public LogTables(String prefix, String headTable) {
        this.blocks = prefix + "node_blocks";
        this.checkpoints = prefix + "checkpoints";
        this.head = headTable;
    }

    /** The committed tree: its size and frontier, as the last append left them in the head row. */
    public Frontier head(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "select tree_size, tree_frontier from " + head + " where id = 1",
                (rs, n) -> Frontier.of(rs.getLong(1), rs.getBytes(2)));
    }

    /**
     * Stores the subtrees an append closed, in one statement however many there are. Each block must continue
     * exactly where the stored one ends; anything else means the tables were changed behind the log's back,
     * and storing a hash at another position than its own would make proofs lie, so the append fails.
     */
    public void insert(JdbcTemplate jdbc, List<Frontier.Stored> closed) {
        if (closed.isEmpty()) {
            return;
        }
        Map<Block, Extension> extensions = new LinkedHashMap<>();
        for (Frontier.Stored stored : closed) {
            Node node = stored.node();
            extensions
                    .computeIfAbsent(Block.of(node), block -> new Extension(node.index()))
                    .add(node, stored.hash());
        }
        int n = extensions.size();
        Integer[] levels = new Integer[n];
        Long[] indexes = new Long[n];
        byte[][] hashes = new byte[n][];
        int i = 0;
        for (Map.Entry<Block, Extension> entry : extensions.entrySet()) {
            levels[i] = entry.getKey().level();
            indexes[i] = entry.getKey().index();
            hashes[i] = entry.getValue().hashes();
            i++;
        }
        Map<Block, Integer> lengths = new HashMap<>();
        jdbc.query(
                connection -> {
                    var insert = connection.prepareStatement("insert into " + blocks
                            + " as b (level, block, hashes) select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])"
                            + " on conflict (level, block) do update set hashes = b.hashes || excluded.hashes"
                            + " returning level, block, octet_length(hashes)");
                    insert.setArray(1, connection.createArrayOf("int4", levels));
                    insert.setArray(2, connection.createArrayOf("int8", indexes));
                    insert.setArray(3, connection.createArrayOf("bytea", hashes));
                    return insert;
                },
                rs -> {
                    lengths.put(new Block(rs.getInt(1), rs.getLong(2)), rs.getInt(3));
                });
        extensions.forEach((block, extension) -> {
            Integer length = lengths.get(block);
            if (length == null || length != extension.endOffset()) {
                throw new IllegalStateException("the stored nodes of level " + block.level() + ", block "
                        + block.index() + " do not end where the log's head says the next node goes; the table "
                        + blocks + " was changed outside the service");
            }
        });
    }

    /** The stored hashes of the wanted subtrees; a subtree the tables do not hold is left out. */
    public Map<Node, byte[]> nodes(JdbcTemplate jdbc, Collection<Node> wanted) {
        Map<Node, byte[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<Block> keys = wanted.stream().map(Block::of).distinct().toList();
        Integer[] levels = keys.stream().map(Block::level).toArray(Integer[]::new);
        Long[] indexes = keys.stream().map(Block::index).toArray(Long[]::new);
        Map<Block, byte[]> rows = new HashMap<>();
        jdbc.query(
                connection -> {
                    var select = connection.prepareStatement("select level, block, hashes from " + blocks
                            + " where (level, block) in (select * from unnest(?::smallint[], ?::bigint[]))");
                    select.setArray(1, connection.createArrayOf("int4", levels));
                    select.setArray(2, connection.createArrayOf("int8", indexes));
                    return select;
                },
                rs -> {
                    rows.put(new Block(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                });
        for (Node node : wanted) {
            byte[] row = rows.get(Block.of(node));
            int from = Block.offset(node) * TreeHashes.SIZE;
            if (row != null && row.length >= from + TreeHashes.SIZE) {
                found.put(node, Arrays.copyOfRange(row, from, from + TreeHashes.SIZE));
            }
        }
        return found;
    }

    public Optional<Checkpoint> latest(JdbcTemplate jdbc) {
        return jdbc
                .query(
                        "select tree_size, root, note, signed_at from " + checkpoints
                                + " order by tree_size desc limit 1",
                        (rs, n) -> new Checkpoint(
                                rs.getLong(1),
                                rs.getBytes(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()))
                .stream()
                .findFirst();
    }

    public boolean keep(JdbcTemplate jdbc, Checkpoint checkpoint) {
        return jdbc.update(
                        "insert into " + checkpoints + " (tree_size, root, note, signed_at) values (?, ?, ?, ?)"
                                + " on conflict (tree_size) do nothing",
                        checkpoint.treeSize(),
                        checkpoint.root(),
                        checkpoint.note(),
                        Timestamp.from(checkpoint.signedAt()))
                == 1;
    }

    /** The row that holds a subtree's hash: its level, and its index divided by {@link #BLOCK}. */
    private record Block(int level, long index) {

        static Block of(Node node) {
            return new Block(node.level(), node.index() / BLOCK);
        }

        static int offset(Node node) {
            return (int) (node.index() % BLOCK);
        }
    }

    /** The consecutive subtrees one append adds to one block, from {@code first}. */
    private static final class Extension {

        private final long first;
        private final List<byte[]> hashes = new ArrayList<>(BLOCK);

        Extension(long first) {
            this.first = first;
        }

        void add(Node node, byte[] hash) {
            if (node.index() != first + hashes.size()) {
                throw new IllegalArgumentException("the closed subtrees of level " + node.level()
                        + " are not consecutive: " + node.index() + " after " + (first + hashes.size() - 1));
            }
            hashes.add(hash);
        }

        byte[] hashes() {
            return TreeHashes.concatenated(hashes);
        }

        /** Where the block's stored hashes must end once this is appended. */
        int endOffset() {
            return (int) ((first % BLOCK) + hashes.size()) * TreeHashes.SIZE;
        }
    }
}
