package io.consentinel.support;

import io.consentinel.Consentinel;
import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A deployment of its own (one zone, {@code in}) on databases no other test uses, so that a test can act as
 * the operator of its stores (tamper through SQL, rewind, restart) without disturbing the shared stores.
 */
public final class OwnDeployment implements AutoCloseable {

    private final List<String> args = new ArrayList<>();
    private final JdbcClient zone;
    private ConfigurableApplicationContext node;
    private Api api;
    private Api management;

    public OwnDeployment(String name) {
        TestDatabases server = TestDatabases.shared();
        String zoneUrl = server.database(name + "_in");
        Map<String, String> shared = TestStores.properties();
        shared.forEach((key, value) -> {
            if (!key.startsWith("spring.datasource.url") && !key.startsWith("consentinel.zones.")) {
                args.add("--" + key + "=" + value);
            }
        });
        args.add("--spring.datasource.url=" + server.database(name + "_control"));
        args.add("--consentinel.zones.in.url=" + zoneUrl);
        args.add("--consentinel.zones.in.username=" + server.username());
        args.add("--consentinel.zones.in.password=" + server.password());
        args.add("--consentinel.zones.in.max-pool-size=2");
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        zone = JdbcClient.create(
                new SimpleDriverDataSource(new org.postgresql.Driver(), zoneUrl, server.username(), server.password()));
        start();
    }

    private void start() {
        node = new SpringApplicationBuilder(Consentinel.class).run(args.toArray(String[]::new));
        api = TestStores.api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
        management = TestStores.api(Integer.parseInt(node.getEnvironment().getProperty("local.management.port")));
    }

    public void restart() {
        node.close();
        start();
    }

    public Api api() {
        return api;
    }

    /** The actuator's port, as the admin: health shows its components only to an admin key. */
    public Api management() {
        return management;
    }

    /** The zone store's database, as its operator reaches it. */
    public JdbcClient zone() {
        return zone;
    }

    @Override
    public void close() {
        node.close();
    }

    /**
     * As an operator with SQL access could: deletes every decision after {@code keep} and rewinds the chain
     * head, the log's stored subtrees and its kept checkpoints to match.
     */
    public void rewindZoneTo(long keep) {
        zone.sql("delete from events where sequence > ?").param(keep).update();
        zone.sql("delete from decisions where sequence > ?").param(keep).update();
        List<byte[]> edge = new ArrayList<>();
        for (Node node : Frontier.nodes(keep)) {
            edge.add(zone.sql("select substring(hashes from ? * 32 + 1 for 32) from log_node_blocks"
                            + " where level = ? and block = ?")
                    .params((int) (node.index() % LogTables.BLOCK), node.level(), node.index() / LogTables.BLOCK)
                    .query(byte[].class)
                    .single());
        }
        // A level keeps its subtrees that end within the kept leaves: indexes below keep >> level.
        zone.sql("delete from log_node_blocks where block * ? >= (?::bigint >> level)")
                .params(LogTables.BLOCK, keep)
                .update();
        zone.sql("update log_node_blocks set hashes = substring(hashes from 1 for"
                        + " ((?::bigint >> level) - block * ?)::int * 32) where (block + 1) * ? > (?::bigint >> level)")
                .params(keep, LogTables.BLOCK, LogTables.BLOCK, keep)
                .update();
        zone.sql("delete from log_checkpoints where tree_size > ?").param(keep).update();
        // The receipt ranges (zone V6) prove nothing; a thorough rewind trims them too, or the next write's
        // range would collide with a removed one.
        zone.sql("delete from receipt_ranges where first_sequence > ?")
                .param(keep)
                .update();
        zone.sql("update receipt_ranges set last_sequence = ? where last_sequence > ?")
                .params(keep, keep)
                .update();
        zone.sql("update chain_head set last_sequence = ?, tree_size = ?, tree_frontier = ?")
                .params(keep, keep, Frontier.of(keep, edge).packed())
                .update();
    }
}
