package io.consentinel.zones;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentinel.ConsentinelProperties;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The stores of this deployment: one per configured residency zone, each its own pool and database,
 * migrated by Flyway at start-up, plus the home for decisions that have no zone. By default that home is
 * a schema of the control store, so no zone ever receives data of a jurisdiction it does not serve.
 */
@Component
public class ZoneStores implements DisposableBean {

    public static final String CONTROL = "control";
    private static final Logger log = LoggerFactory.getLogger(ZoneStores.class);
    private static final String HOME_SCHEMA = "unplaced";
    /** The zone writer's own pool (ZoneStore.writes): its one worker holds one connection at a time, plus a spare. */
    static final int WRITER_POOL_SIZE = 2;

    private final Map<String, ZoneStore> stores = new LinkedHashMap<>();
    private final Set<String> residencyZones;
    private final ZoneStore home;

    ZoneStores(ConsentinelProperties properties, DataSourceProperties control) {
        Map<String, ConsentinelProperties.Zone> zones = new TreeMap<>(properties.zones());
        if (zones.containsKey(CONTROL)) {
            throw new IllegalStateException("'" + CONTROL + "' is reserved and cannot name a zone");
        }
        zones.forEach((name, zone) -> stores.put(
                name, open(name, true, zone.url(), zone.username(), zone.password(), zone.maxPoolSize(), null)));
        residencyZones = Set.copyOf(zones.keySet());
        String homeName = properties.homeZone();
        if (CONTROL.equals(homeName)) {
            stores.put(
                    CONTROL,
                    open(
                            CONTROL,
                            false,
                            control.determineUrl(),
                            control.determineUsername(),
                            control.determinePassword(),
                            4,
                            HOME_SCHEMA));
        } else if (!stores.containsKey(homeName)) {
            throw new IllegalStateException("consentinel.home-zone '" + homeName
                    + "' is neither 'control' nor a configured zone " + residencyZones);
        }
        home = stores.get(homeName);
        log.info("Zone stores ready: {}; decisions without a zone go to '{}'", residencyZones, homeName);
    }

    /** The residency zones this deployment has a store for. */
    public Set<String> residencyZones() {
        return residencyZones;
    }

    public Optional<ZoneStore> residency(String zone) {
        ZoneStore store = zone == null ? null : stores.get(zone);
        return store != null && store.residency() ? Optional.of(store) : Optional.empty();
    }

    /** Where a decision without a residency zone is recorded. */
    public ZoneStore home() {
        return home;
    }

    /** By name, including {@code control} when it is the home. */
    public Optional<ZoneStore> byName(String name) {
        return Optional.ofNullable(stores.get(name));
    }

    /** Every store that holds decisions. */
    public Collection<ZoneStore> all() {
        return stores.values();
    }

    private static ZoneStore open(
            String name, boolean residency, String url, String user, String password, int poolSize, String schema) {
        HikariDataSource dataSource = pool("zone-" + name, url, user, password, poolSize, schema);
        try {
            migrate(name, dataSource, schema);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException(
                    "Zone store '" + name + "' at " + withoutCredentials(url)
                            + " is unreachable or could not be migrated: " + e.getMessage(),
                    e);
        }
        return new ZoneStore(
                name,
                residency,
                dataSource,
                JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                pool("zone-" + name + "-writer", url, user, password, WRITER_POOL_SIZE, schema));
    }

    private static HikariDataSource pool(
            String poolName, String url, String user, String password, int poolSize, String schema) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // Grow on demand: several replicas times several zones must fit in each server's max_connections.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3_000);
        // Lets a store that was down come back without a restart, and start-up fail fast when it is down.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (schema != null) {
            config.setConnectionInitSql("set search_path to " + schema);
        }
        return new HikariDataSource(config);
    }

    private static void migrate(String name, DataSource dataSource, String schema) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/zone");
        if (schema != null) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        int applied = flyway.load().migrate().migrationsExecuted;
        log.info("Zone store '{}' migrated ({} new migrations)", name, applied);
    }

    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public void destroy() {
        stores.values().forEach(store -> {
            ((HikariDataSource) store.writes()).close();
            ((HikariDataSource) store.dataSource()).close();
        });
    }
}
