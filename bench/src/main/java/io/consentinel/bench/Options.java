package io.consentinel.bench;

import java.nio.file.Path;

/** The command line of bench/run, with the quick and full defaults, and the PostgreSQL server from the environment. */
record Options(
        boolean quick,
        int subjects,
        int consentClients,
        int batchClients,
        int singleClients,
        int rawBatchThreads,
        int warmupSeconds,
        int measureSeconds,
        int rawWarmupSeconds,
        int rawMeasureSeconds,
        boolean jfr,
        boolean keep,
        boolean auditOnly,
        int auditRows,
        Path repo,
        Path jar,
        Path policy,
        boolean segment,
        String pgBase,
        String pgUser,
        String pgPassword) {

    static Options parse(String[] args) {
        boolean quick = false, jfr = false, keep = false, auditOnly = false;
        Integer subjects = null,
                consentClients = null,
                auditRows = null,
                batchClients = null,
                rawBatchThreads = null,
                measure = null,
                warmup = null;
        Path repo =
                Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path jar = null;
        Path policy = null;
        boolean segment = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--jfr" -> jfr = true;
                case "--keep" -> keep = true;
                case "--audit-only" -> auditOnly = true;
                case "--audit-rows" -> auditRows = Integer.parseInt(args[++i]);
                case "--subjects" -> subjects = Integer.parseInt(args[++i]);
                case "--consent-clients" -> consentClients = Integer.parseInt(args[++i]);
                case "--batch-clients" -> batchClients = Integer.parseInt(args[++i]);
                case "--raw-batch-threads" -> rawBatchThreads = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                // The same workload for two builds whose default policies differ (docs/BENCHMARKS.md).
                case "--policy" -> policy = Path.of(args[++i]).toAbsolutePath();
                // For a build from before the Segment endpoint.
                case "--no-segment" -> segment = false;
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --quick --subjects N --consent-clients N --batch-clients N --raw-batch-threads N"
                            + " --warmup S --measure S --jfr --keep --audit-only --audit-rows N --jar PATH --policy FILE"
                            + " --no-segment");
            }
        }
        if (jar == null) {
            jar = repo.resolve("service/target/consentinel-service-0.1.0-SNAPSHOT.jar");
        }
        int b = batchClients == null ? 2 : batchClients;
        return new Options(
                quick,
                subjects != null ? subjects : quick ? 1_000 : 100_000,
                // A consent banner after a notice change: many clients at once (issue 15's target is at 64).
                consentClients != null ? consentClients : 64,
                b,
                64,
                rawBatchThreads != null ? rawBatchThreads : b,
                warmup != null ? warmup : quick ? 3 : 20,
                measure != null ? measure : quick ? 6 : 30,
                quick ? 1 : 3,
                quick ? 4 : 15,
                jfr,
                keep,
                auditOnly,
                auditRows != null ? auditRows : quick ? 100_000 : 1_000_000,
                repo,
                jar,
                policy,
                segment,
                env("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"),
                env("BENCH_PG_USER", "postgres"),
                env("BENCH_PG_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
