package io.consentinel.console;

import io.consentinel.Consentinel;
import io.consentinel.support.Api;
import io.consentinel.support.TestDatabases;
import io.consentinel.support.TestStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A deployment of its own (one zone, {@code in}), on databases no other test uses, so that a test can tamper
 * with its zone store through SQL, and restart it, without disturbing the stores the other tests share.
 */
final class ConsoleDeployment implements AutoCloseable {

    private final List<String> args = new ArrayList<>();
    private final JdbcClient zone;
    private ConfigurableApplicationContext node;
    private Api api;

    ConsoleDeployment(String name) {
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
        // The actuator has a port of its own; another run on this machine may hold the default one.
        args.add("--management.server.port=0");
        zone = JdbcClient.create(
                new SimpleDriverDataSource(new org.postgresql.Driver(), zoneUrl, server.username(), server.password()));
        start();
    }

    private void start() {
        node = new SpringApplicationBuilder(Consentinel.class).run(args.toArray(String[]::new));
        api = TestStores.api(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }

    /** A restart: the new node remembers nothing it signed but what the stores keep. */
    void restart() {
        node.close();
        start();
    }

    Api api() {
        return api;
    }

    /** The zone store's database, as its operator reaches it. */
    JdbcClient zone() {
        return zone;
    }

    @Override
    public void close() {
        node.close();
    }
}
