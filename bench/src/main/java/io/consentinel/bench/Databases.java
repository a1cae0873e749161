package io.consentinel.bench;

import static io.consentinel.bench.Console.say;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The run's four databases on the local PostgreSQL, {@code <prefix>_{control,in,eu,raw}}: created at the
 * start (the raw baseline's with the zone stores' migrations), dropped at the end unless --keep.
 */
final class Databases {

    private final Options o;
    private final Map<String, String> names = new LinkedHashMap<>();

    Databases(Options options, String prefix) {
        this.o = options;
        for (String name : List.of("control", "in", "eu", "raw")) {
            names.put(name, prefix + "_" + name);
        }
    }

    void create() throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            for (String db : names.values()) {
                s.execute("create database " + db);
            }
        }
        // The raw baseline's scratch zone database gets exactly the zone stores' schema.
        try (Connection c = open("raw");
                Statement s = c.createStatement()) {
            for (Path migration : zoneMigrations()) {
                s.execute(Files.readString(migration));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("databases %s created", String.join(", ", names.values()));
    }

    /**
     * One more zone database, {@code <prefix>_<name>}, with the zone migrations up to {@code maxVersion}
     * (so a phase can compare an older index set with the current one); dropped with the others.
     */
    void createZone(String name, int maxVersion) throws SQLException {
        String db = names.values().iterator().next().replaceFirst("_control$", "_" + name);
        names.put(name, db);
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("create database " + db);
        }
        try (Connection c = open(name);
                Statement s = c.createStatement()) {
            for (Path migration : zoneMigrations()) {
                if (version(migration) <= maxVersion) {
                    s.execute(Files.readString(migration));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the decisions and events of the run's larger zone store, as they are, into the zone database
     * {@code to} (created with {@link #createZone}), so that a baseline inserts into tables and indexes of the
     * size the service wrote into. Returns the last sequence copied.
     */
    long copyLargerZoneStore(String to) throws SQLException, IOException {
        long started = System.nanoTime();
        // A store's sequences run from 1 without gaps, so its last sequence is also its number of decisions.
        String from = "in";
        long last = -1;
        for (String zone : List.of("in", "eu")) {
            try (Connection c = open(zone)) {
                long zoneLast = lastSequence(c);
                if (zoneLast > last) {
                    last = zoneLast;
                    from = zone;
                }
            }
        }
        try (Connection source = open(from);
                Connection target = open(to)) {
            target.setAutoCommit(false);
            CopyManager out = source.unwrap(PGConnection.class).getCopyAPI();
            CopyManager in = target.unwrap(PGConnection.class).getCopyAPI();
            for (String table : List.of("decisions", "events")) {
                // Through memory in slices, so the bench's heap holds one slice, not the store.
                for (long low = 0; low < last; low += COPY_SLICE) {
                    ByteArrayOutputStream slice = new ByteArrayOutputStream(1 << 22);
                    out.copyOut(
                            "copy (select * from " + table + " where sequence > " + low + " and sequence <= "
                                    + (low + COPY_SLICE) + ") to stdout",
                            slice);
                    in.copyIn("copy " + table + " from stdin", new ByteArrayInputStream(slice.toByteArray()));
                    target.commit();
                }
            }
            target.setAutoCommit(true);
            try (Statement s = target.createStatement()) {
                s.execute("analyze decisions");
                s.execute("analyze events");
            }
        }
        say(
                "(c) %,d decisions of the %s zone store, with their events, copied into %s in %.0f s",
                last, from, names.get(to), (System.nanoTime() - started) / 1e9);
        return last;
    }

    private static final long COPY_SLICE = 50_000;

    private static long lastSequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(sequence), 0) from decisions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The highest zone migration version in the repository: the current schema. */
    int latestZoneVersion() throws IOException {
        return zoneMigrations().stream().mapToInt(Databases::version).max().orElseThrow();
    }

    private List<Path> zoneMigrations() throws IOException {
        try (Stream<Path> files = Files.list(o.repo().resolve("db/migration/zone"))) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    void drop() {
        if (o.keep()) {
            say("--keep: databases left in place: %s", String.join(", ", names.values()));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connect("postgres");
                    Statement s = c.createStatement()) {
                for (String db : names.values()) {
                    s.execute("drop database if exists " + db + " with (force)");
                }
                say("databases dropped");
                return;
            } catch (SQLException e) {
                if (attempt == 10) {
                    System.err.println("bench: could not drop databases " + names.values() + ": " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Other test runs share this PostgreSQL and its max_connections; wait (bounded) until the baseline's
     * connections fit without taking the last ones, rather than failing someone else's tests.
     */
    void awaitConnections(int needed) throws SQLException, InterruptedException {
        long deadline =
                System.nanoTime() + Duration.ofSeconds(o.quick() ? 15 : 120).toNanos();
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("select current_setting('max_connections')::int"
                        + " - current_setting('superuser_reserved_connections')::int"
                        + " - (select count(*) from pg_stat_activity where backend_type = 'client backend')")) {
                    rs.next();
                    int free = rs.getInt(1);
                    if (free >= needed + 1) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "PostgreSQL has only " + free + " free connections and the raw" + " baseline needs "
                                        + needed + "; other runs are using them. Try again when it is quieter.");
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    /** A connection to one of the run's databases: control, in, eu or raw. */
    Connection open(String name) throws SQLException {
        return connect(names.get(name));
    }

    /** The same, with the driver rewriting batched inserts into multi-row ones. */
    Connection openForBatches(String name) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(name) + "?reWriteBatchedInserts=true", o.pgUser(), o.pgPassword());
    }

    /** A connection to any database of the server, e.g. postgres. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(o.pgBase() + database, o.pgUser(), o.pgPassword());
    }

    String jdbcUrl(String name) {
        return o.pgBase() + names.get(name);
    }
}
