package io.consentinel.transparency;

import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements on a log's own tables ({@code <prefix>nodes}, {@code <prefix>checkpoints}), shared by the
 * features that keep logs. Each runs in the caller's transaction, as one round trip.
 */
public final class LogTables {

    private final String nodes;
    private final String checkpoints;
    private final String head;

    /** The tables {@code <prefix>nodes} and {@code <prefix>checkpoints}, and the one-row head table. */
    public LogTables(String prefix, String headTable) {
        this.nodes = prefix + "nodes";
        this.checkpoints = prefix + "checkpoints";
        this.head = headTable;
    }

    /** The committed tree: its size and frontier, as the last append left them in the head row. */
    public Frontier head(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "select tree_size, tree_frontier from " + head + " where id = 1",
                (rs, n) -> Frontier.of(rs.getLong(1), rs.getBytes(2)));
    }

    /** Stores the subtrees an append closed, in one statement however many there are. */
    public void insert(JdbcTemplate jdbc, List<Frontier.Stored> closed) {
        if (closed.isEmpty()) {
            return;
        }
        Integer[] levels = new Integer[closed.size()];
        Long[] indexes = new Long[closed.size()];
        byte[][] hashes = new byte[closed.size()][];
        for (int i = 0; i < closed.size(); i++) {
            levels[i] = closed.get(i).node().level();
            indexes[i] = closed.get(i).node().index();
            hashes[i] = closed.get(i).hash();
        }
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("insert into " + nodes
                    + " (level, idx, hash) select * from unnest(?::smallint[], ?::bigint[], ?::bytea[])");
            insert.setArray(1, connection.createArrayOf("int4", levels));
            insert.setArray(2, connection.createArrayOf("int8", indexes));
            insert.setArray(3, connection.createArrayOf("bytea", hashes));
            return insert;
        });
    }

    public Map<Node, byte[]> nodes(JdbcTemplate jdbc, Collection<Node> wanted) {
        Map<Node, byte[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Integer[] levels = wanted.stream().map(Node::level).toArray(Integer[]::new);
        Long[] indexes = wanted.stream().map(Node::index).toArray(Long[]::new);
        jdbc.query(
                connection -> {
                    var select = connection.prepareStatement("select level, idx, hash from " + nodes
                            + " where (level, idx) in (select * from unnest(?::smallint[], ?::bigint[]))");
                    select.setArray(1, connection.createArrayOf("int4", levels));
                    select.setArray(2, connection.createArrayOf("int8", indexes));
                    return select;
                },
                rs -> {
                    found.put(new Node(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                });
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
}
