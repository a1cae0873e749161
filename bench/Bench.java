import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * HTTP load benchmark of Consentinel against a raw-JDBC baseline on the same PostgreSQL. Run through
 * {@code bench/run}, which puts the PostgreSQL driver on the class path. Everything it creates (databases,
 * the service process) is removed at the end; logs, the GC log and the optional JFR recording stay in
 * {@code bench/out/<run>/}.
 *
 * <p>Order: create databases; start the packaged jar with production settings; record consent for the
 * subjects; (a) batched ingestion; (b) single-event POSTs from 64 clients; stop the service; (c) copy a
 * sample of the decision and event rows the service wrote and insert them again, with fresh keys, into a
 * scratch zone database (same migrations) by raw JDBC, one transaction per event from 64 threads and in
 * batches of 1000; (d) ratios and peak heap against the targets.
 */
public class Bench {

    // Targets (docs/BENCHMARKS.md). Never lower these to make a run pass.
    static final double BATCH_RATIO_TARGET = 0.60;
    static final double SINGLE_RATIO_TARGET = 1.50;
    static final double P99_TARGET_MS = 25.0;
    static final long HEAP_TARGET_MIB = 512;

    static final String[] EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"};
    static final String[] APPS = {"mi-browser", "mi-music", "mi-system"};

    record Options(boolean quick, int subjects, int consentClients, int batchClients, int singleClients,
            int rawBatchThreads, int warmupSeconds, int measureSeconds, int rawWarmupSeconds, int rawMeasureSeconds,
            boolean jfr, boolean keep, Path repo, Path jar, String pgBase, String pgUser, String pgPassword) {

        static Options parse(String[] args) {
            boolean quick = false, jfr = false, keep = false;
            Integer subjects = null, batchClients = null, rawBatchThreads = null, measure = null, warmup = null;
            Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
            Path jar = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--jfr" -> jfr = true;
                    case "--keep" -> keep = true;
                    case "--subjects" -> subjects = Integer.parseInt(args[++i]);
                    case "--batch-clients" -> batchClients = Integer.parseInt(args[++i]);
                    case "--raw-batch-threads" -> rawBatchThreads = Integer.parseInt(args[++i]);
                    case "--measure" -> measure = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--jar" -> jar = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --quick --subjects N --batch-clients N --raw-batch-threads N"
                            + " --warmup S --measure S --jfr --keep --jar PATH");
                }
            }
            if (jar == null) {
                jar = repo.resolve("service/target/consentinel-service-0.1.0-SNAPSHOT.jar");
            }
            int b = batchClients == null ? 2 : batchClients;
            return new Options(quick,
                    subjects != null ? subjects : quick ? 1_000 : 100_000,
                    16,
                    b,
                    64,
                    rawBatchThreads != null ? rawBatchThreads : b,
                    warmup != null ? warmup : quick ? 3 : 20,
                    measure != null ? measure : quick ? 6 : 30,
                    quick ? 1 : 3,
                    quick ? 4 : 15,
                    jfr, keep, repo, jar,
                    env("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"),
                    env("BENCH_PG_USER", "postgres"),
                    env("BENCH_PG_PASSWORD", ""));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int code;
        try {
            code = new Bench(options).run();
        } catch (Throwable e) {
            System.err.println("bench: FAILED: " + e);
            e.printStackTrace();
            code = 2;
        }
        System.exit(code);
    }

    private final Options o;
    private final String prefix;
    private final Path out;
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private Process service;
    private CpuMeter meter;
    private volatile boolean cleaned;

    Bench(Options options) throws IOException {
        this.o = options;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        this.prefix = "bench_" + stamp + "_" + HexFormat.of().formatHex(randomBytes(2));
        this.out = o.repo().resolve("bench/out/" + prefix);
        Files.createDirectories(out);
        for (String name : List.of("control", "in", "eu", "raw")) {
            databases.put(name, prefix + "_" + name);
        }
    }

    int run() throws Exception {
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp));
        if (!Files.isRegularFile(o.jar())) {
            throw new IllegalStateException("no service jar at " + o.jar() + "; build it first (bench/run does)");
        }
        say("run %s (%s mode), output in %s", prefix, o.quick() ? "quick" : "full", o.repo().relativize(out));
        try {
            createDatabases();
            meter = new CpuMeter(pg("postgres"), prefix);
            int port = freePort();
            String adminKey = "bench-admin-" + HexFormat.of().formatHex(randomBytes(20));
            startService(port, adminKey);
            Api api = new Api("http://127.0.0.1:" + port, 64);
            Map<String, String> appKeys = new LinkedHashMap<>();
            for (String app : APPS) {
                String body = api.send("POST", "/v1/api-keys", adminKey,
                        "{\"role\":\"app\",\"appId\":\"" + app + "\",\"name\":\"bench " + app + "\"}", 201);
                appKeys.put(app, field(body, "key"));
            }
            Subjects subjects = loadConsent(api, appKeys.get(APPS[0]));
            Throughput batched = Boolean.getBoolean("bench.skipBatched") ? null : batched(api, appKeys, subjects);
            Throughput single = single(api, appKeys, subjects);
            stopService();
            Heap heap = Heap.fromGcLog(out.resolve("gc.log"));
            List<Row> sample = sampleRows(o.quick() ? 20_000 : 60_000);
            Throughput rawSingle = rawSingle(sample);
            Throughput rawBatched = rawBatched(sample);
            if (batched == null) {
                return 3;
            }
            return report(batched, single, rawSingle, rawBatched, heap, started);
        } finally {
            cleanUp();
        }
    }

    // ------------------------------------------------------------------ setup and teardown

    private void createDatabases() throws SQLException {
        try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
            for (String db : databases.values()) {
                s.execute("create database " + db);
            }
        }
        // The raw baseline's scratch zone database gets exactly the zone stores' schema.
        try (Connection c = pg(databases.get("raw")); Statement s = c.createStatement()) {
            for (Path migration : zoneMigrations()) {
                s.execute(Files.readString(migration));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        say("databases %s created", String.join(", ", databases.values()));
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

    private synchronized void cleanUp() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        if (meter != null) {
            try {
                meter.monitor.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        if (service != null && service.isAlive()) {
            service.destroyForcibly();
            try {
                service.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (o.keep()) {
            say("--keep: databases left in place: %s", String.join(", ", databases.values()));
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
                for (String db : databases.values()) {
                    s.execute("drop database if exists " + db + " with (force)");
                }
                say("databases dropped");
                return;
            } catch (SQLException e) {
                if (attempt == 10) {
                    System.err.println("bench: could not drop databases " + databases.values() + ": " + e.getMessage());
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
    private void awaitConnections(int needed) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(o.quick() ? 15 : 120).toNanos();
        try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
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
                        throw new IllegalStateException("PostgreSQL has only " + free + " free connections and the raw"
                                + " baseline needs " + needed + "; other runs are using them. Try again when it is quieter.");
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    private Connection pg(String database) throws SQLException {
        return pg(database, false);
    }

    private Connection pg(String database, boolean rewriteBatches) throws SQLException {
        String url = o.pgBase() + database + (rewriteBatches ? "?reWriteBatchedInserts=true" : "");
        return DriverManager.getConnection(url, o.pgUser(), o.pgPassword());
    }

    private String jdbcUrl(String name) {
        return o.pgBase() + databases.get(name);
    }

    private void startService(int port, String adminKey) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Xlog:gc:file=" + out.resolve("gc.log") + ":uptime,level,tags"));
        if (o.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + out.resolve("service.jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", o.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", jdbcUrl("control"));
        env.put("SPRING_DATASOURCE_USERNAME", o.pgUser());
        env.put("SPRING_DATASOURCE_PASSWORD", o.pgPassword());
        for (String zone : List.of("in", "eu")) {
            String upper = zone.toUpperCase(Locale.ROOT);
            env.put("CONSENTINEL_ZONES_" + upper + "_URL", jdbcUrl(zone));
            env.put("CONSENTINEL_ZONES_" + upper + "_USERNAME", o.pgUser());
            env.put("CONSENTINEL_ZONES_" + upper + "_PASSWORD", o.pgPassword());
        }
        env.put("CONSENTINEL_BOOTSTRAP_ADMIN_KEY", adminKey);
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY_ID", "bench-k1");
        env.put("CONSENTINEL_LOG_SIGNING_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        service = builder.start();
        meter.service(service.pid());
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited with " + service.exitValue() + " during start-up; see "
                        + out.resolve("service.log"));
            }
            try {
                HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the service was not ready within 120 s; see " + out.resolve("service.log"));
            }
            Thread.sleep(200);
        }
        say("service ready on 127.0.0.1:%d after %.1f s (pid %d, -Xmx512m%s)", port, seconds(System.nanoTime() - t0),
                service.pid(), o.jfr() ? ", JFR on" : "");
    }

    private void stopService() throws InterruptedException {
        meter.service(null);
        service.destroy(); // SIGTERM: graceful shutdown, JFR dumped on exit
        if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
        say("service stopped");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // ------------------------------------------------------------------ consent

    /** The subjects that have consent records, and the share of events that come from subjects without one. */
    record Subjects(String[] ids) {
        String pick(ThreadLocalRandom random) {
            return ids[random.nextInt(ids.length)];
        }
    }

    private Subjects loadConsent(Api api, String appKey) throws InterruptedException {
        int n = o.subjects();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("s-%07d", i);
        }
        Instant captured = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String capturedAt = captured.toString();
        String expiresAt = captured.plus(Duration.ofDays(365)).toString();
        AtomicInteger next = new AtomicInteger();
        LongAdder denied = new LongAdder();
        long[] latencies = new long[n];
        long t0 = System.nanoTime();
        Workers.run(o.consentClients(), "consent", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int i;
            while ((i = next.getAndIncrement()) < n) {
                boolean india = random.nextBoolean();
                String country = india ? "IN" : EU[random.nextInt(EU.length)];
                // About 20% deny analytics, more deny personalisation and advertising.
                String analytics = random.nextInt(100) < 80 ? "granted" : "denied";
                String personalisation = random.nextInt(100) < 65 ? "granted" : "denied";
                String advertising = random.nextInt(100) < 35 ? "granted" : "denied";
                String diagnostics = random.nextInt(100) < 85 ? "granted" : "denied";
                if (!"granted".equals(analytics)) {
                    denied.increment();
                }
                boolean gpc = random.nextInt(100) < 5;
                boolean child = random.nextInt(100) < 3;
                String body = "{\"jurisdiction\":\"" + country + "\",\"noticeVersion\":\"notice-2026-09\""
                        + ",\"capturedAt\":\"" + capturedAt + "\",\"expiresAt\":\"" + expiresAt + "\""
                        + ",\"source\":\"" + APPS[random.nextInt(APPS.length)] + "/onboarding\""
                        + ",\"child\":" + child + (gpc ? ",\"gpc\":true" : "")
                        + ",\"purposes\":{\"analytics\":\"" + analytics + "\",\"personalisation\":\"" + personalisation
                        + "\",\"advertising\":\"" + advertising + "\",\"diagnostics\":\"" + diagnostics + "\"}}";
                long s = System.nanoTime();
                api.send("POST", "/v1/subjects/" + ids[i] + "/consents", appKey, body, 201);
                latencies[i] = System.nanoTime() - s;
            }
        });
        long elapsed = System.nanoTime() - t0;
        Arrays.sort(latencies);
        double rate = n / seconds(elapsed);
        say("consent: %,d subjects (IN and EU, %.0f%% deny analytics) recorded in %.1f s by %d clients: %,.0f appends/s, p50 %.1f ms, p99 %.1f ms",
                n, 100.0 * denied.sum() / n, seconds(elapsed), o.consentClients(), rate, ms(latencies[n / 2]),
                ms(latencies[(int) (n * 0.99)]));
        // A bulk load leaves the control tables to autovacuum, which would then run during the measured
        // phases; in production, consent accumulates over time. Vacuum and analyse now, outside any window.
        long v0 = System.nanoTime();
        try (Connection c = pg(databases.get("control")); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        } catch (SQLException e) {
            throw new IllegalStateException("vacuum analyze of the control store failed", e);
        }
        say("consent: control store vacuumed and analysed in %.1f s (outside the measured windows)", seconds(System.nanoTime() - v0));
        results.put("consent.subjects", Integer.toString(n));
        results.put("consent.seconds", String.format("%.1f", seconds(elapsed)));
        results.put("consent.perSecond", String.format("%.0f", rate));
        return new Subjects(ids);
    }

    // ------------------------------------------------------------------ HTTP phases

    record Throughput(String name, long events, double seconds, long[] latencies, Map<String, Long> outcomes, Cpu cpu) {
        double perSecond() {
            return events / seconds;
        }

        double percentileMs(double p) {
            if (latencies == null || latencies.length == 0) {
                return Double.NaN;
            }
            return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p * latencies.length) - 1)] / 1e6;
        }
    }

    private Throughput batched(Api api, Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        StoreMetrics before = StoreMetrics.scrape(api);
        Phase phase = new Phase(o.warmupSeconds(), o.measureSeconds(), meter);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Workers.run(o.batchClients(), "batch", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Events events = new Events(random, subjects);
            while (phase.running()) {
                String app = APPS[random.nextInt(APPS.length)];
                StringBuilder body = new StringBuilder(900_000).append("{\"events\":[");
                for (int k = 0; k < 1000; k++) {
                    if (k > 0) {
                        body.append(',');
                    }
                    events.append(body, app);
                }
                body.append("]}");
                long s = System.nanoTime();
                String answer = api.send("POST", "/v1/events/batch", appKeys.get(app), body.toString(), 200);
                long e = System.nanoTime();
                if (phase.measured(s, e)) {
                    phase.completed(1000, e - s);
                    tally(answer, outcomes);
                }
            }
        });
        Throughput t = phase.result("batched", outcomes);
        say("(a) batched: %,d events in %.1f s by %d clients, 1000 per batch: %,.0f events/s (batch p50 %.0f ms, p99 %.0f ms) %s",
                t.events(), t.seconds(), o.batchClients(), t.perSecond(), t.percentileMs(0.50), t.percentileMs(0.99),
                shares(t.outcomes()));
        say("    %s", t.cpu());
        say("    group commits during the phase (warm-up included): %s", StoreMetrics.scrape(api).since(before));
        return t;
    }

    private Throughput single(Api api, Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        StoreMetrics before = StoreMetrics.scrape(api);
        Phase phase = new Phase(o.warmupSeconds(), o.measureSeconds(), meter);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Workers.run(o.singleClients(), "single", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Events events = new Events(random, subjects);
            String app = APPS[random.nextInt(APPS.length)];
            String key = appKeys.get(app);
            StringBuilder body = new StringBuilder(4096);
            while (phase.running()) {
                body.setLength(0);
                events.append(body, app);
                long s = System.nanoTime();
                String answer = api.send("POST", "/v1/events", key, body.toString(), 200);
                long e = System.nanoTime();
                if (phase.measured(s, e)) {
                    phase.completed(1, e - s);
                    tally(answer, outcomes);
                }
            }
        });
        Throughput t = phase.result("single", outcomes);
        say("(b) single: %,d events in %.1f s by %d clients: %,.0f events/s, p50 %.2f ms, p99 %.2f ms %s",
                t.events(), t.seconds(), o.singleClients(), t.perSecond(), t.percentileMs(0.50), t.percentileMs(0.99),
                shares(t.outcomes()));
        say("    %s", t.cpu());
        say("    group commits during the phase (warm-up included): %s", StoreMetrics.scrape(api).since(before));
        return t;
    }

    /** Sums of the service's own group-commit metrics, to tell per phase how many events each commit carried. */
    record StoreMetrics(Map<String, Double> values) {
        private static final Pattern LINE = Pattern.compile(
                "^(consentinel_store_(?:group_size|latency_seconds)_(?:count|sum))\\{[^}]*zone=\"([a-z]+)\"[^}]*} ([0-9.Ee+-]+)$");

        static StoreMetrics scrape(Api api) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String line : api.send("GET", "/actuator/prometheus", "none", "", 200).split("\n")) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    values.merge(m.group(2) + " " + m.group(1), Double.parseDouble(m.group(3)), Double::sum);
                }
            }
            return new StoreMetrics(values);
        }

        String since(StoreMetrics before) {
            StringBuilder s = new StringBuilder();
            for (String zone : List.of("in", "eu", "control")) {
                double groups = delta(before, zone + " consentinel_store_group_size_count");
                if (groups == 0) {
                    continue;
                }
                double decisions = delta(before, zone + " consentinel_store_group_size_sum");
                double latency = delta(before, zone + " consentinel_store_latency_seconds_sum")
                        / Math.max(1, delta(before, zone + " consentinel_store_latency_seconds_count"));
                s.append(String.format("%s%s: %.0f commits, %.1f events each, %.1f ms each", s.isEmpty() ? "" : "; ", zone,
                        groups, decisions / groups, latency * 1000));
            }
            return s.toString();
        }

        private double delta(StoreMetrics before, String key) {
            return values.getOrDefault(key, 0.0) - before.values.getOrDefault(key, 0.0);
        }
    }

    private static void tally(String answer, Map<String, LongAdder> outcomes) {
        int at = 0;
        String marker = "\"outcome\":\"";
        while ((at = answer.indexOf(marker, at)) >= 0) {
            int start = at + marker.length();
            int end = answer.indexOf('"', start);
            outcomes.computeIfAbsent(answer.substring(start, end), k -> new LongAdder()).increment();
            at = end;
        }
    }

    private static String shares(Map<String, Long> outcomes) {
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder s = new StringBuilder("[");
        outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> s.append(s.length() > 1 ? ", " : "")
                .append(e.getKey()).append(' ').append(String.format("%.0f%%", 100.0 * e.getValue() / total)));
        return s.append(']').toString();
    }

    // ------------------------------------------------------------------ raw JDBC baseline

    /** A decision row as the service stored it, and its event row if one was stored. */
    record Row(String appId, String subjectId, String subjectRef, String eventType, String jurisdiction, String zone,
            String outcome, String[] reasons, String fieldsJson, String[] consentRecordIds, String policyVersion,
            Timestamp occurredAt, Timestamp receivedAt, Timestamp expiresAt, String attributesJson) {}

    static final String INSERT_DECISION = "insert into decisions (sequence, event_id, app_id, subject_id, subject_ref,"
            + " event_type, jurisdiction, zone, outcome, reasons, fields, consent_record_ids, policy_version, occurred_at,"
            + " received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";
    static final String INSERT_EVENT = "insert into events (app_id, event_id, sequence, subject_id, event_type,"
            + " occurred_at, received_at, expires_at, attributes) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

    /** What the service wrote to the zone stores, so the baseline inserts the same rows (with fresh keys). */
    private List<Row> sampleRows(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (String zone : List.of("in", "eu")) {
            try (Connection c = pg(databases.get(zone));
                    PreparedStatement s = c.prepareStatement("select d.app_id, d.subject_id, d.subject_ref, d.event_type,"
                            + " d.jurisdiction, d.zone, d.outcome, d.reasons, d.fields::text, d.consent_record_ids,"
                            + " d.policy_version, d.occurred_at, d.received_at, e.expires_at, e.attributes::text"
                            + " from decisions d left join events e on e.sequence = d.sequence"
                            + " order by d.sequence desc limit ?")) {
                s.setInt(1, limit / 2);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), (String[]) rs.getArray(8).getArray(),
                                rs.getString(9), (String[]) rs.getArray(10).getArray(), rs.getString(11),
                                rs.getTimestamp(12), rs.getTimestamp(13), rs.getTimestamp(14), rs.getString(15)));
                    }
                }
            }
        }
        java.util.Collections.shuffle(rows);
        long stored = rows.stream().filter(r -> r.attributesJson() != null).count();
        say("(c) raw JDBC baseline: %,d decision rows sampled from the zone stores, %,d with an event row", rows.size(), stored);
        return rows;
    }

    private final AtomicLong rawSequence = new AtomicLong();

    private static void bindDecision(Connection c, PreparedStatement insert, Row r, long sequence, UUID eventId)
            throws SQLException {
        insert.setLong(1, sequence);
        insert.setObject(2, eventId);
        insert.setString(3, r.appId());
        insert.setString(4, r.subjectId());
        insert.setString(5, r.subjectRef());
        insert.setString(6, r.eventType());
        insert.setString(7, r.jurisdiction());
        insert.setString(8, r.zone());
        insert.setString(9, r.outcome());
        insert.setArray(10, c.createArrayOf("text", r.reasons()));
        insert.setString(11, r.fieldsJson());
        insert.setArray(12, c.createArrayOf("text", r.consentRecordIds()));
        insert.setString(13, r.policyVersion());
        insert.setTimestamp(14, r.occurredAt());
        insert.setTimestamp(15, r.receivedAt());
    }

    private static void bindEvent(PreparedStatement insert, Row r, long sequence, UUID eventId) throws SQLException {
        insert.setString(1, r.appId());
        insert.setObject(2, eventId);
        insert.setLong(3, sequence);
        insert.setString(4, r.subjectId());
        insert.setString(5, r.eventType());
        insert.setTimestamp(6, r.occurredAt());
        insert.setTimestamp(7, r.receivedAt());
        insert.setTimestamp(8, r.expiresAt());
        insert.setString(9, r.attributesJson());
    }

    private Throughput rawSingle(List<Row> sample) throws Exception {
        int threads = o.singleClients();
        awaitConnections(threads + 2);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = pg(databases.get("raw"));
            c.setAutoCommit(false);
            connections.add(c);
        }
        Phase phase = new Phase(o.rawWarmupSeconds(), o.rawMeasureSeconds(), meter);
        AtomicInteger slot = new AtomicInteger();
        try {
            Workers.run(threads, "raw-single", () -> {
                Connection c = connections.get(slot.getAndIncrement());
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (PreparedStatement decision = c.prepareStatement(INSERT_DECISION);
                        PreparedStatement event = c.prepareStatement(INSERT_EVENT)) {
                    while (phase.running()) {
                        Row r = sample.get(random.nextInt(sample.size()));
                        long s = System.nanoTime();
                        long sequence = rawSequence.incrementAndGet();
                        UUID id = uuid(random);
                        bindDecision(c, decision, r, sequence, id);
                        decision.executeUpdate();
                        if (r.attributesJson() != null) {
                            bindEvent(event, r, sequence, id);
                            event.executeUpdate();
                        }
                        c.commit();
                        long e = System.nanoTime();
                        if (phase.measured(s, e)) {
                            phase.completed(1, e - s);
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
        Throughput t = phase.result("raw single", Map.of());
        say("(c) raw JDBC, one transaction per event, %d threads: %,.0f events/s, p50 %.2f ms, p99 %.2f ms",
                threads, t.perSecond(), t.percentileMs(0.50), t.percentileMs(0.99));
        say("    %s", t.cpu());
        return t;
    }

    private Throughput rawBatched(List<Row> sample) throws Exception {
        int threads = o.rawBatchThreads();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = pg(databases.get("raw"), true);
            c.setAutoCommit(false);
            connections.add(c);
        }
        AtomicInteger slot = new AtomicInteger();
        Phase phase = new Phase(o.rawWarmupSeconds(), o.rawMeasureSeconds(), meter);
        Workers.run(threads, "raw-batch", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection c = connections.get(slot.getAndIncrement())) {
                try (PreparedStatement decision = c.prepareStatement(INSERT_DECISION);
                        PreparedStatement event = c.prepareStatement(INSERT_EVENT)) {
                    while (phase.running()) {
                        long s = System.nanoTime();
                        long first = rawSequence.getAndAdd(1000) + 1;
                        Row[] rows = new Row[1000];
                        UUID[] ids = new UUID[1000];
                        for (int k = 0; k < 1000; k++) {
                            rows[k] = sample.get(random.nextInt(sample.size()));
                            ids[k] = uuid(random);
                            bindDecision(c, decision, rows[k], first + k, ids[k]);
                            decision.addBatch();
                        }
                        decision.executeBatch();
                        boolean any = false;
                        for (int k = 0; k < 1000; k++) {
                            if (rows[k].attributesJson() != null) {
                                bindEvent(event, rows[k], first + k, ids[k]);
                                event.addBatch();
                                any = true;
                            }
                        }
                        if (any) {
                            event.executeBatch();
                        }
                        c.commit();
                        long e = System.nanoTime();
                        if (phase.measured(s, e)) {
                            phase.completed(1000, e - s);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Throughput t = phase.result("raw batched", Map.of());
        say("(c) raw JDBC, 1000 per batch (reWriteBatchedInserts), %d threads: %,.0f events/s", threads, t.perSecond());
        say("    %s", t.cpu());
        return t;
    }

    // ------------------------------------------------------------------ report

    private int report(Throughput batched, Throughput single, Throughput rawSingle, Throughput rawBatched, Heap heap,
            long started) throws IOException {
        double batchRatio = batched.perSecond() / rawBatched.perSecond();
        double singleRatio = single.perSecond() / rawSingle.perSecond();
        double p99 = single.percentileMs(0.99);
        List<String> failures = new ArrayList<>();
        if (batchRatio < BATCH_RATIO_TARGET) {
            failures.add(String.format("batched ratio %.3f < %.2f", batchRatio, BATCH_RATIO_TARGET));
        }
        if (singleRatio < SINGLE_RATIO_TARGET) {
            failures.add(String.format("single ratio %.3f < %.2f", singleRatio, SINGLE_RATIO_TARGET));
        }
        // Other load can starve one side of a ratio and fake a pass; CPU per event does not move with it, so
        // a run also fails when the CPU-cost ratio is below the target.
        if (batched.cpu() != null && rawBatched.cpu() != null
                && rawBatched.cpu().totalMicros() / batched.cpu().totalMicros() < BATCH_RATIO_TARGET) {
            failures.add(String.format("batched CPU-cost ratio %.3f < %.2f",
                    rawBatched.cpu().totalMicros() / batched.cpu().totalMicros(), BATCH_RATIO_TARGET));
        }
        if (single.cpu() != null && rawSingle.cpu() != null
                && rawSingle.cpu().totalMicros() / single.cpu().totalMicros() < SINGLE_RATIO_TARGET) {
            failures.add(String.format("single CPU-cost ratio %.3f < %.2f",
                    rawSingle.cpu().totalMicros() / single.cpu().totalMicros(), SINGLE_RATIO_TARGET));
        }
        if (!(p99 <= P99_TARGET_MS)) {
            failures.add(String.format("single p99 %.2f ms > %.0f ms", p99, P99_TARGET_MS));
        }
        if (heap.peakUsedMib() > HEAP_TARGET_MIB || heap.outOfMemory()) {
            failures.add(String.format("heap peak %d MiB (out of memory: %s)", heap.peakUsedMib(), heap.outOfMemory()));
        }
        String load = Files.exists(Path.of("/proc/loadavg")) ? Files.readString(Path.of("/proc/loadavg")).trim() : "?";
        StringBuilder s = new StringBuilder();
        s.append(String.format("%n== Consentinel HTTP load, %s mode (%s) ==%n", o.quick() ? "quick" : "full", prefix));
        s.append(String.format("consent          %,9d subjects in %.1f s  (%s appends/s, %d clients)%n",
                o.subjects(), Double.parseDouble(results.get("consent.seconds")), results.get("consent.perSecond"),
                o.consentClients()));
        s.append(String.format("(a) HTTP batched %,9.0f events/s  (1000 per batch, %d clients)%n", batched.perSecond(),
                o.batchClients()));
        s.append(String.format("(b) HTTP single  %,9.0f events/s  (%d clients)  p50 %.2f ms  p99 %.2f ms%n",
                single.perSecond(), o.singleClients(), single.percentileMs(0.5), p99));
        s.append(String.format("(c) raw batched  %,9.0f events/s  (1000 per batch, reWriteBatchedInserts, %d threads)%n",
                rawBatched.perSecond(), o.rawBatchThreads()));
        s.append(String.format("(c) raw single   %,9.0f events/s  (one transaction per event, %d threads)  p50 %.2f ms  p99 %.2f ms%n",
                rawSingle.perSecond(), o.singleClients(), rawSingle.percentileMs(0.5), rawSingle.percentileMs(0.99)));
        s.append(String.format("(d) batched / raw batched = %.3f  (target >= %.2f)  %s%n", batchRatio, BATCH_RATIO_TARGET,
                batchRatio >= BATCH_RATIO_TARGET ? "ok" : "BELOW"));
        s.append(String.format("(d) single / raw single   = %.3f  (target >= %.2f)  %s%n", singleRatio, SINGLE_RATIO_TARGET,
                singleRatio >= SINGLE_RATIO_TARGET ? "ok" : "BELOW"));
        if (batched.cpu() != null && rawBatched.cpu() != null && single.cpu() != null && rawSingle.cpu() != null) {
            s.append(String.format("    by CPU per event, which other load on the machine does not skew: batched %.3f, single %.3f"
                    + " (a run fails when these miss a target too)%n",
                    rawBatched.cpu().totalMicros() / batched.cpu().totalMicros(),
                    rawSingle.cpu().totalMicros() / single.cpu().totalMicros()));
        }
        double busiest = Stream.of(batched, single, rawSingle, rawBatched).map(Throughput::cpu)
                .filter(java.util.Objects::nonNull).mapToDouble(Cpu::othersShare).max().orElse(0);
        if (busiest > 0.10) {
            s.append(String.format("    WARNING: other processes used up to %.0f%% of the machine during a measured window;"
                    + " the throughput ratios are skewed, the CPU-cost ratios much less so%n", busiest * 100));
        }
        s.append(String.format("    single p99            = %.2f ms (target <= %.0f ms)  %s%n", p99, P99_TARGET_MS,
                p99 <= P99_TARGET_MS ? "ok" : "ABOVE"));
        s.append(String.format("    peak heap used        = %d MiB of -Xmx512m (max committed %d MiB, %d GCs, %d full)%s  %s%n",
                heap.peakUsedMib(), heap.peakCommittedMib(), heap.collections(), heap.fullCollections(),
                heap.outOfMemory() ? ", OUT OF MEMORY" : "",
                heap.peakUsedMib() <= HEAP_TARGET_MIB && !heap.outOfMemory() ? "ok" : "ABOVE"));
        s.append(String.format("    load average at the end: %s; wall time %.0f s%n", load, seconds(System.nanoTime() - started)));
        s.append(failures.isEmpty() ? "RESULT: every target met\n" : "RESULT: BELOW TARGET: " + String.join("; ", failures) + "\n");
        System.out.print(s);
        Files.writeString(out.resolve("summary.txt"), s.toString());
        return failures.isEmpty() ? 0 : 1;
    }

    /** Peak heap from the unified GC log: the occupancy before each collection is the high-water mark. */
    record Heap(long peakUsedMib, long peakCommittedMib, int collections, int fullCollections, boolean outOfMemory) {

        private static final Pattern PAUSE = Pattern.compile("Pause (\\S+).*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

        static Heap fromGcLog(Path log) throws IOException {
            long peak = 0, committed = 0;
            int count = 0, full = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    count++;
                    if (m.group(1).equals("Full")) {
                        full++;
                    }
                    peak = Math.max(peak, Long.parseLong(m.group(2)));
                    committed = Math.max(committed, Long.parseLong(m.group(4)));
                }
            }
            Path serviceLog = log.resolveSibling("service.log");
            boolean oom = Files.exists(serviceLog) && Files.readString(serviceLog).contains("OutOfMemoryError");
            return new Heap(peak, committed, count, full, oom);
        }
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * CPU time from /proc over a measured window: the service process, this load generator, and the
     * PostgreSQL backends serving this run's databases; the rest of the machine's busy time is other work
     * (other test runs on a shared machine). Per event, this does not depend on how busy the machine was.
     */
    static final class CpuMeter {
        static final double TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

        record Snapshot(long serviceTicks, long serviceSystemTicks, long clientTicks, Map<Long, Long> backendTicks,
                long machineBusy, long machineTotal, Map<String, Long> serviceThreads) {}

        private final Connection monitor;
        private final String prefix;
        private volatile Long servicePid;
        /** Which of this run's databases (control, in, eu, raw) each backend serves. */
        static final Map<Long, String> databaseOf = new ConcurrentHashMap<>();

        CpuMeter(Connection monitor, String prefix) {
            this.monitor = monitor;
            this.prefix = prefix;
        }

        void service(Long pid) {
            servicePid = pid;
        }

        synchronized Snapshot take() throws SQLException {
            Map<Long, Long> backends = new LinkedHashMap<>();
            try (PreparedStatement s = monitor.prepareStatement(
                    "select pid, datname, backend_type from pg_stat_activity where datname like ? and pid <> pg_backend_pid()")) {
                s.setString(1, prefix + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long pid = rs.getLong(1);
                        backends.put(pid, ticks(pid));
                        String kind = rs.getString(3);
                        databaseOf.put(pid, rs.getString(2).substring(prefix.length() + 1)
                                + ("client backend".equals(kind) ? "" : " " + kind));
                    }
                }
            }
            long[] machine = machine();
            Long service = servicePid;
            return new Snapshot(service == null ? 0 : ticks(service), service == null ? 0 : systemTicks(service),
                    ticks(ProcessHandle.current().pid()), backends, machine[0], machine[1],
                    service == null ? Map.of() : threads(service));
        }

        static long ticks(long pid) {
            long[] t = times(pid);
            return t[0] + t[1];
        }

        static long systemTicks(long pid) {
            return times(pid)[1];
        }

        /** CPU ticks of a process's threads, summed by thread name without its number (C2 CompilerThread, GC Thread...). */
        static Map<String, Long> threads(long pid) {
            Map<String, Long> byName = new LinkedHashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-#]?\\d+$", "");
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended
                    }
                }
            } catch (IOException gone) {
                // the process ended
            }
            return byName;
        }

        /** utime and stime of a process, all threads. */
        static long[] times(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
            } catch (IOException | RuntimeException gone) {
                return new long[] {0, 0};
            }
        }

        static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException e) {
                return new long[] {0, 0};
            }
        }
    }

    /** CPU per event in one measured window. */
    record Cpu(double serviceMicros, double serviceSystemMicros, double postgresMicros, String postgresByDatabase,
            double clientMicros, double othersShare, String serviceThreads) {
        static Cpu between(CpuMeter.Snapshot a, CpuMeter.Snapshot b, long events) {
            long pg = 0;
            Map<String, Long> byDatabase = new java.util.TreeMap<>();
            for (Map.Entry<Long, Long> e : b.backendTicks().entrySet()) {
                long used = e.getValue() - a.backendTicks().getOrDefault(e.getKey(), 0L);
                pg += used;
                byDatabase.merge(CpuMeter.databaseOf.getOrDefault(e.getKey(), "?"), used, Long::sum);
            }
            long service = b.serviceTicks() - a.serviceTicks();
            long client = b.clientTicks() - a.clientTicks();
            long busy = b.machineBusy() - a.machineBusy();
            long total = Math.max(1, b.machineTotal() - a.machineTotal());
            double perEvent = CpuMeter.TICK_MICROS / Math.max(1, events);
            Map<String, Long> threads = new LinkedHashMap<>();
            b.serviceThreads().forEach((name, t) -> threads.put(name, t - a.serviceThreads().getOrDefault(name, 0L)));
            StringBuilder top = new StringBuilder();
            threads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .filter(e -> e.getValue() > 0)
                    .forEach(e -> top.append(top.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
                            .append(String.format("%.0f%%", 100.0 * e.getValue() / Math.max(1, service))));
            StringBuilder databases = new StringBuilder();
            byDatabase.forEach((db, used) -> databases.append(databases.isEmpty() ? "" : ", ").append(db).append(' ')
                    .append(String.format("%.0f us", used * perEvent)));
            return new Cpu(service * perEvent, (b.serviceSystemTicks() - a.serviceSystemTicks()) * perEvent, pg * perEvent,
                    databases.toString(), client * perEvent,
                    Math.max(0, busy - service - client - pg) / (double) total, top.toString());
        }

        double totalMicros() {
            return serviceMicros + postgresMicros + clientMicros;
        }

        @Override
        public String toString() {
            return String.format("CPU per event: service %.0f us (%.0f in the kernel), PostgreSQL %.0f us (%s), load generator"
                    + " %.0f us (total %.0f us); other processes used %.0f%% of the machine%s", serviceMicros,
                    serviceSystemMicros, postgresMicros, postgresByDatabase, clientMicros, totalMicros(), othersShare * 100,
                    serviceThreads.isEmpty() ? "" : "\n      service threads: " + serviceThreads);
        }
    }

    /** A measured phase: a warm-up, then a window whose completions count. Bounded in time. */
    static final class Phase {
        private final long measureFrom;
        private final long end;
        private final LongAdder events = new LongAdder();
        private final List<long[]> latencyChunks = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ThreadLocal<long[]> chunk = new ThreadLocal<>();
        private final ThreadLocal<int[]> fill = ThreadLocal.withInitial(() -> new int[1]);

        private final CpuMeter meter;
        private final Thread sampler;
        private volatile CpuMeter.Snapshot first;
        private volatile CpuMeter.Snapshot last;

        Phase(int warmupSeconds, int measureSeconds, CpuMeter meter) {
            long now = System.nanoTime();
            this.measureFrom = now + Duration.ofSeconds(warmupSeconds).toNanos();
            this.end = measureFrom + Duration.ofSeconds(measureSeconds).toNanos();
            this.meter = meter;
            this.sampler = Thread.ofVirtual().start(() -> {
                if (meter == null) {
                    return;
                }
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, measureFrom - System.nanoTime())));
                    first = meter.take();
                    Thread.sleep(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
                    last = meter.take();
                } catch (Exception e) {
                    System.err.println("bench: CPU accounting failed: " + e);
                }
            });
        }

        boolean running() {
            return System.nanoTime() < end;
        }

        /** Counted when it completed inside the window: unbiased at steady state, whatever a request's length. */
        boolean measured(long start, long finish) {
            return finish >= measureFrom && finish <= end;
        }

        void completed(int count, long latencyNanos) {
            events.add(count);
            long[] c = chunk.get();
            int[] f = fill.get();
            if (c == null || f[0] == c.length) {
                c = new long[8192];
                chunk.set(c);
                f[0] = 0;
                latencyChunks.add(c);
            }
            c[f[0]++] = latencyNanos + 1; // never 0, so unused slots can be told apart
        }

        Throughput result(String name, Map<String, LongAdder> outcomes) {
            long[] all = latencyChunks.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).map(v -> v - 1).sorted().toArray();
            Map<String, Long> counted = new LinkedHashMap<>();
            outcomes.forEach((k, v) -> counted.put(k, v.sum()));
            Cpu cpu = null;
            try {
                sampler.join();
                cpu = meter == null || first == null || last == null ? null : Cpu.between(first, last, events.sum());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Throughput(name, events.sum(), (end - measureFrom) / 1e9, all, counted, cpu);
        }
    }

    /** Runs the same body on n platform threads and waits; the first failure fails the phase. */
    static final class Workers {
        interface Body {
            void run() throws Exception;
        }

        static void run(int n, String name, Body body) throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                Thread.Builder kind = Boolean.parseBoolean(System.getProperty("bench.virtualClients", "true"))
                        ? Thread.ofVirtual() : Thread.ofPlatform();
                threads.add(kind.name(name + "-" + i).start(() -> {
                    try {
                        body.run();
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!failures.isEmpty()) {
                IllegalStateException e = new IllegalStateException(name + " failed: " + failures.getFirst(), failures.getFirst());
                throw e;
            }
        }
    }

    /** A thin java.net.http client: HTTP/1.1 keep-alive connections, bounded timeouts, status checked. */
    static final class Api {
        private final String base;
        private final HttpClient client;

        Api(String base, int connections) {
            this.base = base;
            HttpClient.Builder builder = HttpClient.newBuilder();
            // The load generator shares the machine with the service: the HTTP client's callbacks run on its
            // selector thread instead of hopping to a pool, which costs about a third of the CPU per request.
            switch (System.getProperty("bench.clientExecutor", "direct")) {
                case "direct" -> builder.executor(Runnable::run);
                case "virtual" -> builder.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
                default -> { }
            }
            this.client = builder
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        }

        String send(String method, String path, String key, String body, int expected) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    String text = response.body();
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                            + text.substring(0, Math.min(500, text.length())));
                }
                return response.body();
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Realistic telemetry: every event type of the default policy with the attributes its policy classifies,
     * sometimes an unclassified extra, now and then an unknown type or an unsupported jurisdiction. 5% of
     * events come from subjects without consent records.
     */
    static final class Events {
        private static final String[] MODELS = {"Redmi Note 13", "Xiaomi 14", "POCO X6", "Redmi 13C", "Mi 11X"};
        private static final String[] SITES = {"news.example", "shop.example", "video.example", "mail.example", "wiki.example"};
        private static final String[] PACKAGES = {"com.mi.browser", "com.mi.music", "com.whatsapp", "com.instagram.android",
                "in.amazon.mShop.android.shopping", "com.google.android.youtube"};
        private static final String[] ARTISTS = {"A. R. Rahman", "Arijit Singh", "Daft Punk", "Nina Simone", "Shreya Ghoshal"};
        private static final String[] GENRES = {"bollywood", "electronic", "jazz", "indie", "classical"};
        private static final String[] NETWORKS = {"wifi", "4g", "5g", "3g"};
        private static final String[] EXCEPTIONS = {"java.lang.NullPointerException", "java.lang.IllegalStateException",
                "android.view.WindowManager$BadTokenException", "java.lang.OutOfMemoryError"};

        private final ThreadLocalRandom r;
        private final Subjects subjects;

        Events(ThreadLocalRandom random, Subjects subjects) {
            this.r = random;
            this.subjects = subjects;
        }

        void append(StringBuilder b, String app) {
            Instant now = Instant.now();
            int roll = r.nextInt(1000);
            String type = roll < 350 ? "browsing.page_view" : roll < 550 ? "app.usage_session" : roll < 650 ? "music.play"
                    : roll < 850 ? "device.heartbeat" : roll < 950 ? "location.update" : roll < 990 ? "crash.report"
                    : "ads.click"; // not in the policy: rejected, EVENT_TYPE_UNKNOWN
            boolean known = r.nextInt(100) >= 5;
            // Devices without a consent record send repeatedly too: a pool a tenth the size of the consented one.
            String subject = known ? subjects.pick(r) : "anon-" + r.nextInt(Math.max(100, subjects.ids().length / 10));
            String jurisdiction = r.nextInt(100) == 0 ? "BR" : r.nextBoolean() ? "IN" : EU[r.nextInt(EU.length)];
            b.append("{\"eventId\":\"").append(uuid(r)).append("\",\"appId\":\"").append(app)
                    .append("\",\"subjectId\":\"").append(subject).append("\",\"type\":\"").append(type)
                    .append("\",\"occurredAt\":\"").append(time(now, 1, 30_000)).append("\",\"jurisdiction\":\"")
                    .append(jurisdiction).append("\",\"attributes\":{");
            switch (type) {
                case "browsing.page_view" -> {
                    String site = SITES[r.nextInt(SITES.length)];
                    b.append("\"url\":\"https://").append(site).append("/story/").append(r.nextInt(100_000))
                            .append("?utm_source=feed&id=").append(r.nextInt(1000)).append("\",");
                    b.append("\"referrer\":\"https://search.example/q?text=").append(r.nextInt(1_000_000)).append("\",");
                    b.append("\"title\":\"Story number ").append(r.nextInt(100_000)).append(" on ").append(site).append("\",");
                    if (r.nextInt(4) == 0) {
                        b.append("\"searchQuery\":\"cheap flights to goa ").append(r.nextInt(100)).append("\",");
                    }
                    device(b, true, true, true, false);
                    b.append(",\"ip\":\"").append(ip()).append('"');
                    b.append(",\"location\":{\"lat\":").append(lat()).append(",\"lon\":").append(lon()).append('}');
                    b.append(",\"durationMs\":").append(r.nextInt(120_000));
                    b.append(",\"scrollDepthPct\":").append(r.nextInt(101));
                    b.append(",\"viewedAt\":\"").append(time(now, 1, 30_000)).append('"');
                }
                case "app.usage_session" -> {
                    b.append("\"packageName\":\"").append(PACKAGES[r.nextInt(PACKAGES.length)]).append("\",");
                    b.append("\"foregroundMs\":").append(r.nextInt(3_600_000)).append(',');
                    b.append("\"launchCount\":").append(1 + r.nextInt(20)).append(',');
                    b.append("\"sessionStart\":\"").append(time(now, 60_000, 3_600_000)).append("\",");
                    b.append("\"sessionEnd\":\"").append(time(now, 1, 60_000)).append("\",");
                    device(b, true, true, true, false);
                    b.append(",\"appVersion\":\"").append(14 + r.nextInt(3)).append('.').append(r.nextInt(10)).append(".2\"");
                    b.append(",\"ip\":\"").append(ip()).append('"');
                }
                case "music.play" -> {
                    b.append("\"tracks\":[");
                    int n = 1 + r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        b.append(i > 0 ? "," : "").append("{\"artist\":\"").append(ARTISTS[r.nextInt(ARTISTS.length)])
                                .append("\",\"title\":\"Track ").append(r.nextInt(10_000)).append("\",\"genre\":\"")
                                .append(GENRES[r.nextInt(GENRES.length)]).append("\",\"durationMs\":")
                                .append(120_000 + r.nextInt(240_000)).append(",\"playedMs\":").append(r.nextInt(240_000))
                                .append('}');
                    }
                    b.append("],\"playlistId\":\"pl-").append(r.nextInt(100_000)).append("\",");
                    b.append("\"source\":\"").append(r.nextBoolean() ? "radio" : "library").append("\",");
                    b.append("\"startedAt\":\"").append(time(now, 1, 600_000)).append("\",");
                    device(b, true, false, false, false);
                    b.append(",\"ip\":\"").append(ip()).append('"');
                }
                case "device.heartbeat" -> {
                    device(b, true, true, true, true);
                    b.append(",\"appVersion\":\"").append(14 + r.nextInt(3)).append(".0.1\"");
                    b.append(",\"batteryPct\":").append(r.nextInt(101));
                    b.append(",\"networkType\":\"").append(NETWORKS[r.nextInt(NETWORKS.length)]).append('"');
                    b.append(",\"ip\":\"").append(ip()).append('"');
                    b.append(",\"sentAt\":\"").append(time(now, 1, 5_000)).append('"');
                }
                case "location.update" -> {
                    b.append("\"lat\":").append(lat()).append(",\"lon\":").append(lon());
                    b.append(",\"accuracyM\":").append(3 + r.nextInt(50));
                    b.append(",\"altitudeM\":").append(r.nextInt(900)).append('.').append(r.nextInt(10));
                    b.append(",\"recordedAt\":\"").append(time(now, 1, 10_000)).append('"');
                    b.append(",\"wifi\":[");
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        b.append(i > 0 ? "," : "").append("{\"bssid\":\"").append(mac()).append("\",\"rssi\":")
                                .append(-30 - r.nextInt(60)).append('}');
                    }
                    b.append("],");
                    device(b, true, false, false, false);
                    b.append(",\"ip\":\"").append(ip()).append('"');
                }
                case "crash.report" -> {
                    String exception = EXCEPTIONS[r.nextInt(EXCEPTIONS.length)];
                    b.append("\"exception\":{\"type\":\"").append(exception).append("\"},");
                    b.append("\"stackTrace\":\"").append(exception).append(": boom");
                    for (int i = 0; i < 8; i++) {
                        b.append("\\n\\tat com.mi.app.Screen").append(r.nextInt(50)).append(".onResume(Screen.java:")
                                .append(r.nextInt(400)).append(')');
                    }
                    b.append("\",\"threads\":[{\"name\":\"main\",\"frames\":").append(20 + r.nextInt(40))
                            .append("},{\"name\":\"RenderThread\",\"frames\":").append(5 + r.nextInt(10)).append("}],");
                    b.append("\"appVersion\":\"15.1.2\",\"memoryFreeMb\":").append(r.nextInt(2048)).append(',');
                    b.append("\"crashedAt\":\"").append(time(now, 1, 10_000)).append("\",");
                    device(b, true, true, false, false);
                    b.append(",\"ip\":\"").append(ip()).append('"');
                    b.append(",\"location\":{\"lat\":").append(lat()).append(",\"lon\":").append(lon()).append('}');
                    b.append(",\"breadcrumbs\":[{\"screen\":\"home\",\"at\":\"").append(time(now, 20_000, 60_000))
                            .append("\"},{\"screen\":\"settings\",\"at\":\"").append(time(now, 1, 20_000)).append("\"}]");
                }
                default -> { // ads.click
                    b.append("\"adId\":\"ad-").append(r.nextInt(100_000)).append("\",");
                    device(b, false, false, true, false);
                }
            }
            if (r.nextInt(10) == 0) {
                b.append(",\"experimentId\":\"exp-").append(r.nextInt(100)).append('"'); // unclassified: dropped
            }
            b.append("}}");
        }

        private void device(StringBuilder b, boolean imei, boolean androidId, boolean advertisingId, boolean heartbeat) {
            b.append("\"device\":{\"model\":\"").append(MODELS[r.nextInt(MODELS.length)]).append('"');
            if (imei) {
                b.append(",\"imei\":\"").append(35 + r.nextInt(60)).append(r.nextLong(1_000_000_000_000L, 9_999_999_999_999L))
                        .append('"');
            }
            if (androidId) {
                b.append(",\"androidId\":\"").append(Long.toHexString(r.nextLong() | Long.MIN_VALUE)).append('"');
            }
            if (advertisingId) {
                b.append(",\"advertisingId\":\"").append(new UUID(r.nextLong(), r.nextLong())).append('"');
            }
            if (heartbeat) {
                b.append(",\"serial\":\"SN").append(r.nextLong(100_000_000L, 999_999_999L)).append('"');
                b.append(",\"osVersion\":\"HyperOS ").append(1 + r.nextInt(2)).append(".0\"");
            }
            b.append('}');
        }

        private String ip() {
            if (r.nextInt(5) == 0) {
                return "2401:4900:" + Integer.toHexString(r.nextInt(65536)) + ":" + Integer.toHexString(r.nextInt(65536))
                        + "::" + Integer.toHexString(1 + r.nextInt(65535));
            }
            return (100 + r.nextInt(100)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
        }

        private String lat() {
            return degrees(8, 44);
        }

        private String lon() {
            return degrees(-5, 95);
        }

        /** Six decimals without String.format, which would cost the load generator more than the service. */
        private String degrees(int from, int span) {
            long micro = r.nextLong((long) span * 1_000_000L);
            long whole = from + micro / 1_000_000L;
            String fraction = Long.toString(1_000_000L + micro % 1_000_000L).substring(1);
            return whole + "." + fraction;
        }

        private String mac() {
            long bits = r.nextLong();
            StringBuilder s = new StringBuilder(17);
            for (int i = 0; i < 6; i++) {
                s.append(i > 0 ? ":" : "").append(Character.forDigit((int) (bits >>> (8 * i + 4)) & 15, 16))
                        .append(Character.forDigit((int) (bits >>> (8 * i)) & 15, 16));
            }
            return s.toString();
        }

        private String time(Instant now, long minAgoMs, long maxAgoMs) {
            return now.minusMillis(r.nextLong(minAgoMs, maxAgoMs)).truncatedTo(ChronoUnit.MILLIS).toString();
        }
    }

    // ------------------------------------------------------------------ small helpers

    /** A version-4 UUID from a non-blocking random source (UUID.randomUUID() serialises on SecureRandom). */
    static UUID uuid(ThreadLocalRandom r) {
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void say(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
                String.format(format, args));
    }
}
