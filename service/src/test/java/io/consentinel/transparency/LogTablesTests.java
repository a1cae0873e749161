package io.consentinel.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.support.TestDatabases;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** A log's subtrees are stored 32 to a row, and read back one by one exactly as the tree hashed them. */
class LogTablesTests {

    private static final LogTables TABLES = new LogTables("log_", "chain_head");

    @Test
    void everyCompleteSubtreeReadsBackAsTheTreeHashedItWhateverTheGroupSizes() {
        JdbcTemplate jdbc = zoneStore("log_blocks", "latest");
        Frontier tree = Frontier.empty();
        Map<Node, byte[]> closed = new HashMap<>();
        Random random = new Random(7);
        while (tree.size() < 3_000) {
            // Groups of 1 to 150 leaves: a block is extended by many appends, and one append spans many blocks.
            List<Frontier.Stored> group = append(tree, 1 + random.nextInt(150), random);
            group.forEach(stored -> closed.put(stored.node(), stored.hash()));
            TABLES.insert(jdbc, group);
        }

        assertThat(TABLES.nodes(jdbc, closed.keySet()))
                .containsOnlyKeys(closed.keySet())
                .allSatisfy((node, hash) -> assertThat(hash).isEqualTo(closed.get(node)));
        // Not complete yet, so not stored: the leaf after the last, and the subtree over the whole range.
        assertThat(TABLES.nodes(jdbc, List.of(new Node(0, tree.size()), new Node(12, 0))))
                .isEmpty();
        // About two subtrees per leaf, 32 to a row, and one partly filled row per level.
        assertThat(jdbc.queryForObject("select count(*) from log_node_blocks", Long.class))
                .isLessThanOrEqualTo(2 * 3_150 / 32 + 13);
    }

    @Test
    void anAppendThatDoesNotContinueWhereTheStoredBlockEndsIsRefusedAndStoresNothing() {
        JdbcTemplate jdbc = zoneStore("log_blocks_cut", "latest");
        TransactionTemplate transactions =
                new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        Frontier tree = Frontier.empty();
        Random random = new Random(8);
        TABLES.insert(jdbc, append(tree, 40, random));
        // Behind the log's back: the last stored leaf of block 1 goes.
        jdbc.update("update log_node_blocks set hashes = substring(hashes from 1 for 7 * 32)"
                + " where level = 0 and block = 1");
        String before = blocks(jdbc);

        List<Frontier.Stored> next = append(tree, 10, random);
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> TABLES.insert(jdbc, next)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("level 0, block 1");
        assertThat(blocks(jdbc)).isEqualTo(before);
        // Nothing after the cut reads back as if it were there.
        assertThat(TABLES.nodes(jdbc, List.of(new Node(0, 39)))).isEmpty();
    }

    @Test
    void migrationCarriesStoredSubtreesOverIntoBlocksExceptARunWithAGap() {
        JdbcTemplate jdbc = zoneStore("log_blocks_v7", "6");
        Frontier tree = Frontier.empty();
        Map<Node, byte[]> closed = new HashMap<>();
        for (Frontier.Stored stored : append(tree, 100, new Random(9))) {
            closed.put(stored.node(), stored.hash());
            jdbc.update(
                    "insert into log_nodes (level, idx, hash) values (?, ?, ?)",
                    stored.node().level(),
                    stored.node().index(),
                    stored.hash());
        }
        // A gap in level 0's second run of 32: that run would shift, so it is not carried over.
        jdbc.update("delete from log_nodes where level = 0 and idx = 40");
        migrate(jdbc, "latest");

        Map<Node, byte[]> read = TABLES.nodes(jdbc, closed.keySet());
        List<Node> secondRun =
                LongStream.range(32, 64).mapToObj(i -> new Node(0, i)).toList();
        assertThat(read).doesNotContainKeys(secondRun.toArray(Node[]::new));
        closed.keySet().removeAll(secondRun);
        assertThat(read)
                .containsOnlyKeys(closed.keySet())
                .allSatisfy((node, hash) -> assertThat(hash).isEqualTo(closed.get(node)));
    }

    private static List<Frontier.Stored> append(Frontier tree, int leaves, Random random) {
        List<Frontier.Stored> closed = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            String entry = "{\"leaf\":" + tree.size() + ",\"salt\":" + random.nextLong() + "}";
            closed.addAll(tree.append(TreeHashes.leaf(entry.getBytes(StandardCharsets.UTF_8))));
        }
        return closed;
    }

    private static String blocks(JdbcTemplate jdbc) {
        return jdbc.queryForList(
                        "select level || ':' || block || ':' || encode(hashes, 'hex') from log_node_blocks"
                                + " order by level, block",
                        String.class)
                .toString();
    }

    private static JdbcTemplate zoneStore(String purpose, String version) {
        TestDatabases server = TestDatabases.shared();
        var dataSource = new DriverManagerDataSource(server.database(purpose), server.username(), server.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        migrate(jdbc, version);
        return jdbc;
    }

    private static void migrate(JdbcTemplate jdbc, String version) {
        Flyway.configure()
                .dataSource(jdbc.getDataSource())
                .locations("classpath:db/migration/zone")
                .target(version)
                .load()
                .migrate();
    }
}
