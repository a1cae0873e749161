package io.consentinel.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real PostgreSQL for tests and the local run, never H2. In order:
 * <ol>
 *   <li>the server named by {@code CONSENTINEL_TEST_DB_URL} (plus {@code _USERNAME}, {@code _PASSWORD});
 *   <li>a Testcontainers PostgreSQL, where Docker is available. Docker is looked for quietly first (DOCKER_HOST,
 *       a Testcontainers docker.host setting, or a Docker socket on disk), so that a machine without Docker
 *       does not get Testcontainers' ERROR and stack trace on every run;
 *   <li>the server at {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres};
 *   <li>otherwise a failure saying what to do. Tests are never skipped for want of a database.
 * </ol>
 * Each test run creates its own uniquely named databases, so parallel runs and leftovers never collide.
 * One INFO line says which server is used.
 */
public final class TestDatabases {

    public static final String URL_ENV = "CONSENTINEL_TEST_DB_URL";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PREFIX = "ct_";
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
    private static TestDatabases shared;

    private final String serverUrl;
    private final String username;
    private final String password;
    private final String runId;
    private final List<String> created = new ArrayList<>();

    private TestDatabases(String serverUrl, String username, String password, String runId) {
        this.serverUrl = serverUrl;
        this.username = username;
        this.password = password;
        this.runId = runId;
    }

    /** The server for this JVM; test databases are dropped when it exits. */
    public static synchronized TestDatabases shared() {
        if (shared == null) {
            String runId = PREFIX
                    + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyMMddHHmmss"))
                    + "_" + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
            shared = locate(runId);
            shared.dropLeftovers();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::dropCreated, "drop-test-databases"));
        }
        return shared;
    }

    /** For the local run: stable database names, kept between runs. */
    public static TestDatabases forLocalRun() {
        return locate("consentinel_local");
    }

    private static TestDatabases locate(String runId) {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            return new TestDatabases(url, env(URL_ENV + "_USERNAME", "postgres"), env(URL_ENV + "_PASSWORD", ""), runId)
                    .checked("the server named by " + URL_ENV)
                    .announced("named by " + URL_ENV);
        }
        if (DockerHints.present() && DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
            return new TestDatabases(container.getJdbcUrl(), container.getUsername(), container.getPassword(), runId)
                    .announced("a Testcontainers postgres:16-alpine");
        }
        return new TestDatabases(DEFAULT_URL, "postgres", "", runId)
                .checked("the default " + DEFAULT_URL)
                .announced("the default server; no Docker found");
    }

    private TestDatabases announced(String which) {
        int query = serverUrl.indexOf('?');
        String withoutParameters =
                query < 0 ? serverUrl : serverUrl.substring(0, query); // parameters may hold a password
        LOG.info("PostgreSQL for this run: {} ({}), databases {}_*", withoutParameters, which, runId);
        return this;
    }

    private TestDatabases checked(String which) {
        try (Connection ignored = connect(serverUrl)) {
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("""
                    No PostgreSQL for the tests. Tried %s and found no Docker for Testcontainers.
                    Start PostgreSQL (e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start),
                    start Docker, or set %s (and %s_USERNAME / _PASSWORD) to a server where the user may
                    CREATE DATABASE. Cause: %s""".formatted(which, URL_ENV, URL_ENV, e.getMessage()), e);
        }
    }

    /** Creates (or, for the local run, reuses) the database {@code <run>_<purpose>} and returns its URL. */
    public synchronized String database(String purpose) {
        String name = (runId + "_" + purpose).toLowerCase(Locale.ROOT);
        try (Connection admin = connect(serverUrl)) {
            boolean exists;
            try (var check = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                check.setString(1, name);
                exists = check.executeQuery().next();
            }
            if (!exists) {
                try (var create = admin.createStatement()) {
                    create.execute("create database \"" + name + "\"");
                }
                created.add(name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        return urlOf(name);
    }

    /**
     * Makes a test database unreachable (no new connections, existing ones cut), as when its server goes
     * down, or reachable again. Needs a superuser, which every test server here has.
     */
    public void setReachable(String purpose, boolean reachable) {
        String name = (runId + "_" + purpose).toLowerCase(Locale.ROOT);
        try (Connection admin = connect(serverUrl);
                var statement = admin.createStatement()) {
            statement.execute("alter database \"" + name + "\" allow_connections " + reachable);
            if (!reachable) {
                statement.execute(
                        "select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change access to " + name + ": " + e.getMessage(), e);
        }
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The server URL with its database name replaced. */
    String urlOf(String database) {
        int slash = serverUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = serverUrl.indexOf('?', slash);
        return serverUrl.substring(0, slash + 1) + database + (query < 0 ? "" : serverUrl.substring(query));
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    private void dropCreated() {
        for (String name : created) {
            drop(name);
        }
    }

    /** Databases of runs that ended without their shutdown hook (killed JVMs) and are over a day old. */
    private void dropLeftovers() {
        String dayAgo =
                LocalDateTime.now(ZoneOffset.UTC).minusDays(1).format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        List<String> stale = new ArrayList<>();
        try (Connection admin = connect(serverUrl);
                var list = admin.prepareStatement("select datname from pg_database where datname like 'ct\\_%'")) {
            var rows = list.executeQuery();
            while (rows.next()) {
                String name = rows.getString(1);
                if (name.length() > 15 && name.substring(3, 15).compareTo(dayAgo) < 0) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            return;
        }
        stale.forEach(this::drop);
    }

    private void drop(String name) {
        try (Connection admin = connect(serverUrl);
                var drop = admin.createStatement()) {
            drop.execute("drop database if exists \"" + name + "\" with (force)");
        } catch (SQLException ignored) {
            // Best effort: a leftover has a unique name and is cleaned up by a later run.
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
