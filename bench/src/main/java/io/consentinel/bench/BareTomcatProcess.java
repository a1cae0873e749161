package io.consentinel.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link BareTomcat} in a process of its own, with the service's heap, so that its CPU is counted apart. */
final class BareTomcatProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private BareTomcatProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BareTomcatProcess start(Options o, CpuMeter meter) throws Exception {
        return start(o, meter, List.of());
    }

    /** (h)'s server: the same, group-committing each request's rows into the database at {@code jdbcUrl}. */
    static BareTomcatProcess startGroupCommitting(Options o, CpuMeter meter, String jdbcUrl) throws Exception {
        // The password reaches it as bench/run's did, in BENCH_PG_PASSWORD (inherited), not on a command line.
        return start(o, meter, List.of(o.pgUser(), "rows", jdbcUrl));
    }

    /**
     * (i)'s server: a group-committing writer per database at {@code jdbcUrls}, each doing the service's chain
     * head, log and receipt range as well as the rows.
     */
    static BareTomcatProcess startWithServiceWrites(Options o, CpuMeter meter, List<String> jdbcUrls) throws Exception {
        List<String> args = new ArrayList<>(List.of(o.pgUser(), "service-writes"));
        args.addAll(jdbcUrls);
        return start(o, meter, args);
    }

    private static BareTomcatProcess start(Options o, CpuMeter meter, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classes = o.repo().resolve("bench/target/classes");
        Path lib = o.repo().resolve("bench/target/lib");
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx512m", "-cp", classes + ":" + lib + "/*", BareTomcat.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the bare Tomcat did not start: " + line);
        }
        meter.service(process.pid());
        return new BareTomcatProcess(process, Integer.parseInt(line.substring(5).trim()));
    }

    Api api(int connections) {
        return new Api("http://127.0.0.1:" + port, connections);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
