package io.consentinel.bench;

import static io.consentinel.bench.Console.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** (d) The ratios, p99 and peak heap against the targets, printed and written to summary.txt; the exit status. */
final class Report {

    // Targets (docs/BENCHMARKS.md). Never lower these to make a run pass.
    static final double BATCH_RATIO_TARGET = 0.60;
    static final double SINGLE_RATIO_TARGET = 1.50;
    static final double P99_TARGET_MS = 25.0;
    /** The service's own CPU per single event, the kernel's share included. */
    static final double SINGLE_SERVICE_CPU_TARGET_MICROS = 150;

    static final long HEAP_TARGET_MIB = 512;
    static final double KEY_ONLY_COPY_RATIO_TARGET = 0.25;
    /** With 64 clients; any answer but 201 (a 503, say) stops the run. */
    static final double CONSENT_APPENDS_TARGET = 3_000;

    private final Options o;
    private final String prefix;
    private final Path out;

    Report(Options options, String prefix, Path out) {
        this.o = options;
        this.prefix = prefix;
        this.out = out;
    }

    int print(
            Load.Consent consent,
            Throughput batched,
            Throughput segment,
            Throughput single,
            Throughput floor,
            Throughput bare,
            Throughput bareCommit,
            Throughput bareWrites,
            Throughput rawSingle,
            Throughput rawSingleSized,
            Throughput rawBatched,
            Throughput keyOnly,
            AuditPhase.Result audit,
            Heap heap,
            long started)
            throws IOException {
        double batchRatio = batched.perSecond() / rawBatched.perSecond();
        double singleRatio = single.perSecond() / rawSingle.perSecond();
        double p99 = single.percentileMs(0.99);
        double keyOnlyRatio = batched.perSecond() / keyOnly.perSecond();
        List<String> failures = new ArrayList<>();
        if (consent.perSecond() < CONSENT_APPENDS_TARGET) {
            failures.add(String.format("consent appends %.0f/s < %.0f/s", consent.perSecond(), CONSENT_APPENDS_TARGET));
        }
        if (keyOnlyRatio < KEY_ONLY_COPY_RATIO_TARGET) {
            failures.add(
                    String.format("batched / key-only COPY %.3f < %.2f", keyOnlyRatio, KEY_ONLY_COPY_RATIO_TARGET));
        }
        failures.addAll(audit.failures());
        if (batchRatio < BATCH_RATIO_TARGET) {
            failures.add(String.format("batched ratio %.3f < %.2f", batchRatio, BATCH_RATIO_TARGET));
        }
        if (singleRatio < SINGLE_RATIO_TARGET) {
            failures.add(String.format("single ratio %.3f < %.2f", singleRatio, SINGLE_RATIO_TARGET));
        }
        // Other load can starve one side of a ratio and fake a pass; CPU per event does not move with it, so
        // a run also fails when the CPU-cost ratio is below the target.
        if (batched.cpu() != null
                && rawBatched.cpu() != null
                && rawBatched.cpu().totalMicros() / batched.cpu().totalMicros() < BATCH_RATIO_TARGET) {
            failures.add(String.format(
                    "batched CPU-cost ratio %.3f < %.2f",
                    rawBatched.cpu().totalMicros() / batched.cpu().totalMicros(), BATCH_RATIO_TARGET));
        }
        if (single.cpu() != null
                && rawSingle.cpu() != null
                && rawSingle.cpu().totalMicros() / single.cpu().totalMicros() < SINGLE_RATIO_TARGET) {
            failures.add(String.format(
                    "single CPU-cost ratio %.3f < %.2f",
                    rawSingle.cpu().totalMicros() / single.cpu().totalMicros(), SINGLE_RATIO_TARGET));
        }
        if (single.cpu() != null && single.cpu().serviceMicros() > SINGLE_SERVICE_CPU_TARGET_MICROS) {
            failures.add(String.format(
                    "service CPU per single event %.0f us > %.0f us",
                    single.cpu().serviceMicros(), SINGLE_SERVICE_CPU_TARGET_MICROS));
        }
        if (!(p99 <= P99_TARGET_MS)) {
            failures.add(String.format("single p99 %.2f ms > %.0f ms", p99, P99_TARGET_MS));
        }
        if (!heapOk(heap)) {
            failures.add(String.format(
                    "heap peak %d MiB, %d full GCs (out of memory: %s)",
                    heap.peakUsedMib(), heap.fullCollections(), heap.outOfMemory()));
        }
        String load = Files.exists(Path.of("/proc/loadavg"))
                ? Files.readString(Path.of("/proc/loadavg")).trim()
                : "?";
        StringBuilder s = new StringBuilder();
        s.append(String.format("%n== Consentinel HTTP load, %s mode (%s) ==%n", o.quick() ? "quick" : "full", prefix));
        s.append(String.format(
                "consent          %,9d subjects in %.1f s  (%s appends/s, %d clients, every one 201;"
                        + " target >= %.0f/s)  %s%n",
                o.subjects(),
                consent.seconds(),
                String.format("%.0f", consent.perSecond()),
                o.consentClients(),
                CONSENT_APPENDS_TARGET,
                consent.perSecond() >= CONSENT_APPENDS_TARGET ? "ok" : "BELOW"));
        s.append(String.format(
                "(a) HTTP batched %,9.0f events/s  (1000 per batch, %d clients)%n",
                batched.perSecond(), o.batchClients()));
        if (segment != null) {
            s.append(String.format(
                    "(a) Segment batch %,8.0f events/s  (%d per batch, %d clients, Basic auth)  batch p99 %.0f ms"
                            + "  = %.3f of HTTP batched (informational, no target)%n",
                    segment.perSecond(),
                    Load.SEGMENT_BATCH,
                    o.batchClients(),
                    segment.percentileMs(0.99),
                    segment.perSecond() / batched.perSecond()));
        }
        s.append(String.format(
                "(b) HTTP single  %,9.0f events/s  (%d clients)  p50 %.2f ms  p99 %.2f ms%n",
                single.perSecond(), o.singleClients(), single.percentileMs(0.5), p99));
        s.append(String.format(
                "(c) raw batched  %,9.0f events/s  (1000 per batch, reWriteBatchedInserts, %d threads)%n",
                rawBatched.perSecond(), o.rawBatchThreads()));
        s.append(String.format(
                "(c) raw single   %,9.0f events/s  (one transaction per event, %d threads)  p50 %.2f ms  p99 %.2f ms%n",
                rawSingle.perSecond(), o.singleClients(), rawSingle.percentileMs(0.5), rawSingle.percentileMs(0.99)));
        s.append(String.format(
                "(c) raw single into a copy of the larger zone store %,9.0f events/s  p99 %.2f ms;"
                        + " single / this = %.3f (informational: the target is judged against raw single above)%n",
                rawSingleSized.perSecond(),
                rawSingleSized.percentileMs(0.99),
                single.perSecond() / rawSingleSized.perSecond()));
        s.append(String.format(
                "(c) key-only COPY %,9.0f events/s  (1000 per transaction, %d threads, primary keys only)%n",
                keyOnly.perSecond(), o.rawBatchThreads()));
        s.append(String.format(
                "(d) batched / key-only COPY = %.3f  (target >= %.2f)  %s%n",
                keyOnlyRatio, KEY_ONLY_COPY_RATIO_TARGET, keyOnlyRatio >= KEY_ONLY_COPY_RATIO_TARGET ? "ok" : "BELOW"));
        s.append(String.format(
                "(d) batched / raw batched = %.3f  (target >= %.2f)  %s%n",
                batchRatio, BATCH_RATIO_TARGET, batchRatio >= BATCH_RATIO_TARGET ? "ok" : "BELOW"));
        s.append(String.format(
                "(d) single / raw single   = %.3f  (target >= %.2f)  %s%n",
                singleRatio, SINGLE_RATIO_TARGET, singleRatio >= SINGLE_RATIO_TARGET ? "ok" : "BELOW"));
        if (batched.cpu() != null && rawBatched.cpu() != null && single.cpu() != null && rawSingle.cpu() != null) {
            s.append(String.format(
                    "    by CPU per event, which other load on the machine does not skew: batched %.3f, single %.3f"
                            + " (a run fails when these miss a target too)%n",
                    rawBatched.cpu().totalMicros() / batched.cpu().totalMicros(),
                    rawSingle.cpu().totalMicros() / single.cpu().totalMicros()));
        }
        floor(s, floor, consent, single);
        bareTomcat(s, bare, batched, single, rawSingle, rawBatched);
        bareGroupCommit(
                s,
                "(h) bare group commit",
                "group-commits a decision and (3 in 4) an event row per request",
                bareCommit,
                single,
                rawSingle);
        bareGroupCommit(
                s,
                "(i) bare service writes",
                "group-commits the same rows into two zone stores, each group also locking the chain head,"
                        + " appending to the log and recording its receipt range",
                bareWrites,
                single,
                rawSingle);
        audit(s, audit);
        double busiest = Stream.of(batched, single, rawSingle, rawBatched, keyOnly)
                .map(Throughput::cpu)
                .filter(Objects::nonNull)
                .mapToDouble(Cpu::othersShare)
                .max()
                .orElse(0);
        if (busiest > 0.10) {
            s.append(String.format(
                    "    WARNING: other processes used up to %.0f%% of the machine during a measured window;"
                            + " the throughput ratios are skewed, the CPU-cost ratios much less so%n",
                    busiest * 100));
        }
        s.append(String.format(
                "    single p99            = %.2f ms (target <= %.0f ms)  %s%n",
                p99, P99_TARGET_MS, p99 <= P99_TARGET_MS ? "ok" : "ABOVE"));
        s.append(String.format(
                "    peak heap used        = %d MiB of -Xmx512m (at most %d MiB after a GC, max committed %d MiB, %d GCs,"
                        + " %d full)%s  %s%n",
                heap.peakUsedMib(),
                heap.peakAfterCollectionMib(),
                heap.peakCommittedMib(),
                heap.collections(),
                heap.fullCollections(),
                heap.outOfMemory() ? ", OUT OF MEMORY" : "",
                heapOk(heap) ? "ok" : "ABOVE"));
        s.append(String.format(
                "    load average at the end: %s; wall time %.0f s%n", load, seconds(System.nanoTime() - started)));
        s.append(
                failures.isEmpty()
                        ? "RESULT: every target met\n"
                        : "RESULT: BELOW TARGET: " + String.join("; ", failures) + "\n");
        System.out.print(s);
        Files.writeString(out.resolve("summary.txt"), s.toString());
        return failures.isEmpty() ? 0 : 1;
    }

    /** Within -Xmx512m without running out, and without a full GC, which would mean it nearly did. */
    private static boolean heapOk(Heap heap) {
        return heap.peakUsedMib() <= HEAP_TARGET_MIB && !heap.outOfMemory() && heap.fullCollections() == 0;
    }

    /**
     * (f) The Spring MVC floor: the cheapest authenticated request through Spring Security's chain and Spring
     * MVC. Consent appends and events take the direct path (docs/DESIGN.md), which skips most of that stack,
     * so the floor is no bound on them; it says what the stack costs every other API request, beside what
     * an append and a single event cost in all.
     */
    private void floor(StringBuilder s, Throughput floor, Load.Consent consent, Throughput single) {
        if (floor.cpu() == null) {
            s.append(String.format("(f) Spring MVC floor %,9.0f requests/s  (CPU not read)%n", floor.perSecond()));
            return;
        }
        double service = floor.cpu().serviceMicros();
        double singleServiceMicros =
                single.cpu() == null ? Double.NaN : single.cpu().serviceMicros();
        s.append(String.format(
                "(f) Spring MVC floor %,9.0f requests/s  (GET /v1/audit/log/key from memory, %d clients)  p99 %.2f ms;"
                        + " CPU per request: service %.0f us, load generator %.0f us%n",
                floor.perSecond(),
                o.singleClients(),
                floor.percentileMs(0.99),
                service,
                floor.cpu().clientMicros()));
        s.append(String.format(
                "    service CPU per single event %.0f us (target <= %.0f us)  %s; per consent append %s;"
                        + " both on the direct path%n",
                singleServiceMicros,
                SINGLE_SERVICE_CPU_TARGET_MICROS,
                singleServiceMicros <= SINGLE_SERVICE_CPU_TARGET_MICROS ? "ok" : "ABOVE",
                consent.cpu() == null
                        ? "not read"
                        : String.format("%.0f us", consent.cpu().serviceMicros())));
    }

    /**
     * (g) The bare Tomcat floor, and the least a single event could cost on this server: what Tomcat alone
     * costs the request (server and load generator, measured), PostgreSQL's least per event with the same
     * schema (raw JDBC in transactions of 1000, where 64 clients can form groups of 64 at most), and our code's
     * least per event (the service's CPU per event in the batched phase, where a request carries 1000). Each
     * single-event target is set against it. Informational: the targets themselves are judged as measured.
     */
    private void bareTomcat(
            StringBuilder s,
            Throughput bare,
            Throughput batched,
            Throughput single,
            Throughput rawSingle,
            Throughput rawBatched) {
        if (bare == null || bare.cpu() == null) {
            return;
        }
        Cpu server = bare.cpu();
        s.append(String.format(
                "(g) bare Tomcat  %,9.0f requests/s  ((b)'s POSTs from %d clients to one servlet that reads the body and"
                        + " answers a fixed decision: no Spring, no database)  p99 %.2f ms; CPU per request: server"
                        + " %.0f us (%.0f in the kernel), load generator %.0f us%n",
                bare.perSecond(),
                o.singleClients(),
                bare.percentileMs(0.99),
                server.serviceMicros(),
                server.serviceSystemMicros(),
                server.clientMicros()));
        if (batched.cpu() == null || rawBatched.cpu() == null || single.cpu() == null) {
            return;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double target = SINGLE_RATIO_TARGET * rawSingle.perSecond();
        double allowance = cores * 1e6 / target;
        double postgres = rawBatched.cpu().postgresMicros();
        double ours = batched.cpu().serviceMicros();
        double least = server.serviceMicros() + server.clientMicros() + postgres + ours;
        s.append(String.format(
                "    single %.1f x raw single = %,.0f/s allows %.0f us per event over every process on %d cores; the least"
                        + " on this server: bare Tomcat %.0f + its load generator %.0f + PostgreSQL's least %.0f (raw"
                        + " batched) + our code's least %.0f (batched service) = %.0f us  %s%n",
                SINGLE_RATIO_TARGET,
                target,
                allowance,
                cores,
                server.serviceMicros(),
                server.clientMicros(),
                postgres,
                ours,
                least,
                least > allowance ? "out of reach" : "within reach"));
        double leastService = server.serviceMicros() + ours;
        s.append(String.format(
                "    service CPU per single event <= %.0f us: bare Tomcat %.0f + our code's least %.0f = %.0f us  %s;"
                        + " p99 <= %.0f ms: bare Tomcat's own p99 %.2f ms  %s%n",
                SINGLE_SERVICE_CPU_TARGET_MICROS,
                server.serviceMicros(),
                ours,
                leastService,
                leastService > SINGLE_SERVICE_CPU_TARGET_MICROS ? "out of reach" : "within reach",
                P99_TARGET_MS,
                bare.percentileMs(0.99),
                bare.percentileMs(0.99) > P99_TARGET_MS ? "out of reach" : "within reach"));
    }

    /**
     * (h) The bare group-commit floor: a server that only group-commits each request's rows (same schema, one
     * database, one writer) and answers. (i) The same with the service's zone writes: two stores, the chain
     * head, the transparency log and the receipt ranges. Each does less than the service must for a single
     * event, so a ratio to raw single below the target, by throughput or by CPU, says that target is out of
     * reach on this server for any service that writes what it writes this way, whatever its code.
     * Informational: the target itself is judged as measured.
     */
    private void bareGroupCommit(
            StringBuilder s,
            String label,
            String what,
            Throughput bareCommit,
            Throughput single,
            Throughput rawSingle) {
        if (bareCommit == null) {
            return;
        }
        double ratio = bareCommit.perSecond() / rawSingle.perSecond();
        s.append(String.format(
                "%s %,9.0f requests/s  ((b)'s POSTs from %d clients to one servlet that %s, then answers)"
                        + "  p99 %.2f ms%s%n",
                label,
                bareCommit.perSecond(),
                o.singleClients(),
                what,
                bareCommit.percentileMs(0.99),
                bareCommit.cpu() == null
                        ? ""
                        : String.format(
                                "; CPU per request: server %.0f us, PostgreSQL %.0f us, load generator %.0f us",
                                bareCommit.cpu().serviceMicros(),
                                bareCommit.cpu().postgresMicros(),
                                bareCommit.cpu().clientMicros())));
        String byCpu = bareCommit.cpu() == null || rawSingle.cpu() == null
                ? ""
                : String.format(
                        ", by CPU %.3f",
                        rawSingle.cpu().totalMicros() / bareCommit.cpu().totalMicros());
        s.append(String.format(
                "    single %.1f x raw single: this floor reaches %.3f x raw single%s (the service %.3f)  %s%n",
                SINGLE_RATIO_TARGET,
                ratio,
                byCpu,
                single.perSecond() / rawSingle.perSecond(),
                ratio < SINGLE_RATIO_TARGET ? "out of reach on this server" : "within reach"));
    }

    /** --audit-only: each index set's audit timings side by side with its load rate; exit 1 when a target is missed. */
    int printAudit(List<AuditPhase.Result> results) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%n== Consentinel audit queries (%s) ==%n", prefix));
        List<String> failures = new ArrayList<>();
        for (AuditPhase.Result r : results) {
            audit(s, r);
            failures.addAll(r.failures());
        }
        String load = Files.exists(Path.of("/proc/loadavg"))
                ? Files.readString(Path.of("/proc/loadavg")).trim()
                : "?";
        s.append(String.format("    load average at the end: %s%n", load));
        s.append(
                failures.isEmpty()
                        ? "RESULT: every audit target met\n"
                        : "RESULT: BELOW TARGET: " + String.join("; ", failures) + "\n");
        System.out.print(s);
        Files.writeString(out.resolve("summary.txt"), s.toString());
        return failures.isEmpty() ? 0 : 1;
    }

    private static void audit(StringBuilder s, AuditPhase.Result r) {
        s.append(String.format(
                "(e) audit, %s: %,d decisions, loaded at %,.0f rows/s, indexes %,d MiB%n",
                r.indexSet(), r.rows(), r.rows() / r.loadSeconds(), r.indexBytes() >> 20));
        for (AuditPhase.Timing t : r.timings()) {
            s.append(String.format(
                    "    %-34s p95 %8.1f ms  (p50 %7.1f)%s%n",
                    t.name(),
                    t.p95Ms(),
                    t.p50Ms(),
                    t.targetMs() > 0
                            ? String.format("  target <= %.0f ms  %s", t.targetMs(), t.met() ? "ok" : "ABOVE")
                            : ""));
        }
    }
}
