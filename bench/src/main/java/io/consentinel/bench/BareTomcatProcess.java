package io.consentinel.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classes = o.repo().resolve("bench/target/classes");
        Path lib = o.repo().resolve("bench/target/lib");
        Process process = new ProcessBuilder(
                        List.of(java, "-Xmx512m", "-cp", classes + ":" + lib + "/*", BareTomcat.class.getName()))
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
