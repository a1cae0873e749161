package io.consentinel.bench;

import static io.consentinel.bench.Console.say;

import io.consentinel.bench.Events.Subjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP load benchmark of Consentinel against a raw-JDBC baseline on the same PostgreSQL. Run through
 * {@code bench/run}. Everything it creates (databases, the service process) is removed at the end; logs, the
 * GC log and the optional JFR recording stay in {@code bench/out/<run>/}.
 *
 * <p>Order: create databases ({@link Databases}); start the packaged jar with production settings
 * ({@link ServiceProcess}); record consent for the subjects; (a) batched ingestion, natively and as Segment
 * batches (informational); (b) single-event POSTs from 64 clients ({@link Load}); (f) the Spring MVC floor,
 * the cheapest authenticated request through Spring MVC, from as many clients; stop the service; (g) (b)'s
 * requests against a bare Tomcat ({@link BareTomcat}), what the server alone costs; (h) the same, group-committing
 * each request's rows; (i) the same with the service's zone writes (two stores, chain head, log, receipt ranges); (c) copy a sample of the decision and
 * event rows the service wrote and insert them again, with fresh keys, into a scratch zone database by raw JDBC, one
 * transaction per event from 64 threads and in batches of 1000 ({@link RawBaseline}), and one transaction per event
 * again into a copy of the larger zone store (informational); (d) ratios and peak
 * heap against the targets ({@link Report}). CPU per event comes from {@link CpuMeter}.
 */
public final class Bench {

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
    private final Databases databases;
    private ServiceProcess service;
    private CpuMeter meter;
    private volatile boolean cleaned;

    private Bench(Options options) throws IOException {
        this.o = options;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        this.prefix = "bench_" + stamp + "_" + HexFormat.of().formatHex(Console.randomBytes(2));
        this.out = o.repo().resolve("bench/out/" + prefix);
        Files.createDirectories(out);
        this.databases = new Databases(options, prefix);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp));
        if (!o.auditOnly() && !Files.isRegularFile(o.jar())) {
            throw new IllegalStateException("no service jar at " + o.jar() + "; build it first (bench/run does)");
        }
        say(
                "run %s (%s mode), output in %s",
                prefix, o.quick() ? "quick" : "full", o.repo().relativize(out));
        try {
            if (o.auditOnly()) {
                return auditOnly();
            }
            databases.create();
            meter = new CpuMeter(databases.connect("postgres"), prefix);
            String adminKey = "bench-admin-" + HexFormat.of().formatHex(Console.randomBytes(20));
            service = ServiceProcess.start(o, databases, out, adminKey, meter);
            Api api = service.api(64);
            Map<String, String> appKeys = new LinkedHashMap<>();
            for (String app : Events.APPS) {
                appKeys.put(app, Load.issueAppKey(api, adminKey, app));
            }
            Load load = new Load(o, api, service.management(), meter);
            Load.Consent consent = load.consent(Load.issueCollectorKey(api, adminKey), databases);
            Subjects subjects = consent.subjects();
            Throughput batched = Boolean.getBoolean("bench.skipBatched") ? null : load.batched(appKeys, subjects);
            // After the native batches and before the single events, whose rows the raw baseline samples.
            Throughput segment = batched == null || !o.segment() ? null : load.segment(appKeys, subjects);
            Throughput single = load.single(appKeys, subjects);
            Throughput floor = load.floor(adminKey);
            service.stop(meter);
            Heap heap = Heap.fromGcLog(out.resolve("gc.log"));
            Throughput bare;
            try (BareTomcatProcess tomcat = BareTomcatProcess.start(o, meter)) {
                bare = load.bareTomcat(tomcat.api(64), appKeys, subjects);
            } finally {
                meter.service(null);
            }
            databases.createZone("floor", databases.latestZoneVersion());
            Throughput bareCommit;
            try (BareTomcatProcess tomcat =
                    BareTomcatProcess.startGroupCommitting(o, meter, databases.jdbcUrl("floor"))) {
                bareCommit = load.bareGroupCommit(tomcat.api(64), appKeys, subjects);
            } finally {
                meter.service(null);
            }
            databases.createZone("floor_in", databases.latestZoneVersion());
            databases.createZone("floor_eu", databases.latestZoneVersion());
            Throughput bareWrites;
            try (BareTomcatProcess tomcat = BareTomcatProcess.startWithServiceWrites(
                    o, meter, List.of(databases.jdbcUrl("floor_in"), databases.jdbcUrl("floor_eu")))) {
                bareWrites = load.bareServiceWrites(tomcat.api(64), appKeys, subjects);
            } finally {
                meter.service(null);
            }
            RawBaseline raw = new RawBaseline(o, databases, meter);
            List<RawBaseline.Row> sample = raw.sampleRows(o.quick() ? 20_000 : 60_000);
            Throughput rawSingle = raw.single(sample);
            // The same again, into tables and indexes of the size (b) wrote into: raw single's own tables start empty.
            databases.createZone("sized", databases.latestZoneVersion());
            long copied = databases.copyLargerZoneStore("sized");
            Throughput rawSingleSized = new RawBaseline(o, databases, meter, "sized", copied).single(sample);
            Throughput rawBatched = raw.batched(sample);
            Throughput keyOnly = new KeyOnlyCopy(o, databases, meter).run(sample);
            AuditPhase.Result audit = new AuditPhase(databases, o.auditRows(), o.quick() ? 10 : 20)
                    .run("audit", databases.latestZoneVersion(), "current index set");
            if (batched == null) {
                return 3;
            }
            return new Report(o, prefix, out)
                    .print(
                            consent,
                            batched,
                            segment,
                            single,
                            floor,
                            bare,
                            bareCommit,
                            bareWrites,
                            rawSingle,
                            rawSingleSized,
                            rawBatched,
                            keyOnly,
                            audit,
                            heap,
                            started);
        } finally {
            cleanUp();
        }
    }

    /**
     * --audit-only: (e) on the index set before issue 15 (zone migrations up to V4: V2's eight indexes) and on
     * the current one, same rows and queries, one after the other; no service, no HTTP load.
     */
    private int auditOnly() throws Exception {
        AuditPhase phase = new AuditPhase(databases, o.auditRows(), o.quick() ? 10 : 20);
        AuditPhase.Result before = phase.run("audit_v4", 4, "V2 index set (up to V4)");
        AuditPhase.Result now = phase.run("audit", databases.latestZoneVersion(), "current index set");
        return new Report(o, prefix, out).printAudit(List.of(before, now));
    }

    private synchronized void cleanUp() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        if (meter != null) {
            meter.close();
        }
        if (service != null) {
            service.kill();
        }
        databases.drop();
    }
}
