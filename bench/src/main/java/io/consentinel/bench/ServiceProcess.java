package io.consentinel.bench;

import static io.consentinel.bench.Console.say;
import static io.consentinel.bench.Console.seconds;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service jar, started with production settings on two free loopback ports: the API, and the
 * actuator's management port, where the phases read the service's own metrics (docs/DEPLOYMENT.md).
 */
final class ServiceProcess {

    private final Process process;
    private final int port;
    private final int managementPort;

    private ServiceProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static ServiceProcess start(Options o, Databases databases, Path out, String adminKey, CpuMeter meter)
            throws Exception {
        int port = freePort();
        int managementPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The heap as the Dockerfile sizes it: initial = maximum (docs/DEPLOYMENT.md, "Heap").
        List<String> command = new ArrayList<>(
                List.of(java, "-Xms512m", "-Xmx512m", "-Xlog:gc:file=" + out.resolve("gc.log") + ":uptime,level,tags"));
        // Extra JVM options for one experiment, after the defaults so that they can override them.
        String extra = System.getenv("BENCH_SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (o.jfr()) {
            command.add("-XX:StartFlightRecording=filename=" + out.resolve("service.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", o.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("service.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPRING_DATASOURCE_URL", databases.jdbcUrl("control"));
        env.put("SPRING_DATASOURCE_USERNAME", o.pgUser());
        env.put("SPRING_DATASOURCE_PASSWORD", o.pgPassword());
        for (String zone : List.of("in", "eu")) {
            String upper = zone.toUpperCase(Locale.ROOT);
            env.put("CONSENTINEL_ZONES_" + upper + "_URL", databases.jdbcUrl(zone));
            env.put("CONSENTINEL_ZONES_" + upper + "_USERNAME", o.pgUser());
            env.put("CONSENTINEL_ZONES_" + upper + "_PASSWORD", o.pgPassword());
        }
        env.put("CONSENTINEL_BOOTSTRAP_ADMIN_KEY", adminKey);
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY", Base64.getEncoder().encodeToString(Console.randomBytes(32)));
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY_ID", "bench-k1");
        env.put("CONSENTINEL_LOG_SIGNING_KEY", Base64.getEncoder().encodeToString(Console.randomBytes(32)));
        if (o.policy() != null) {
            env.put("CONSENTINEL_POLICY_LOCATION", "file:" + o.policy());
        }
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        env.put("CONSENTINEL_MANAGEMENT_PORT", Integer.toString(managementPort));
        long t0 = System.nanoTime();
        Process process = builder.start();
        meter.service(process.pid());
        ServiceProcess service = new ServiceProcess(process, port, managementPort);
        service.awaitReady(out);
        say(
                "service ready on 127.0.0.1:%d after %.1f s (pid %d, %s%s)",
                port,
                seconds(System.nanoTime() - t0),
                process.pid(),
                String.join(" ", command.subList(1, command.indexOf("-jar"))),
                o.jfr() ? ", JFR on" : "");
        return service;
    }

    private void awaitReady(Path out) throws InterruptedException {
        HttpClient probe =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // The API port's probe; older builds (for --jar) answer it only on the management port.
        List<URI> probes = List.of(
                URI.create("http://127.0.0.1:" + port + "/readyz"),
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue()
                        + " during start-up; see " + out.resolve("service.log"));
            }
            for (URI ready : probes) {
                try {
                    HttpResponse<Void> r = probe.send(
                            HttpRequest.newBuilder(ready)
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            if (System.nanoTime() > deadline) {
                // Not left running: its databases are about to be dropped.
                process.destroyForcibly();
                throw new IllegalStateException(
                        "the service was not ready within 120 s; see " + out.resolve("service.log"));
            }
            Thread.sleep(200);
        }
    }

    /** The API, for the load: HTTP/1.1 keep-alive connections, up to {@code connections} of them. */
    Api api(int connections) {
        return new Api("http://127.0.0.1:" + port, connections);
    }

    /** The actuator's port, where /actuator/prometheus is served. */
    Api management() {
        return new Api("http://127.0.0.1:" + managementPort, 1);
    }

    /** SIGTERM: a graceful shutdown, in which JFR dumps its recording. */
    void stop(CpuMeter meter) throws InterruptedException {
        meter.service(null);
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        say("service stopped");
    }

    /** On the way out after a failure: no grace. */
    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
