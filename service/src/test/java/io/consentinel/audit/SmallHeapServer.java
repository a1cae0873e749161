package io.consentinel.audit;

import io.consentinel.Consentinel;
import io.consentinel.support.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application in a child JVM with a small fixed heap, over the test stores, so a test can show that
 * an endpoint's memory does not grow with its answer. An OutOfMemoryError ends the JVM at once, which the
 * test sees as a broken response. Its pools are small: the shared PostgreSQL has few connections to spare.
 */
final class SmallHeapServer implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private SmallHeapServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** @param settings extra {@code --name=value} application arguments */
    static SmallHeapServer start(int heapMegabytes, String... settings) throws IOException, InterruptedException {
        Path log = Files.createTempFile("consentinel-small-heap-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMegabytes + "m",
                "-Xms" + heapMegabytes + "m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Consentinel.class.getName()));
        // One value per option: Spring reads a repeated --name=value as a list, which an int cannot bind.
        Map<String, String> options = new LinkedHashMap<>(TestStores.properties());
        options.put("server.port", "0");
        options.put("management.server.port", "-1"); // no actuator server: only the API port is logged as started
        options.put("spring.datasource.hikari.maximum-pool-size", "2");
        options.put("consentinel.zones.in.max-pool-size", "2");
        options.put("consentinel.zones.eu.max-pool-size", "2");
        options.put("springdoc.api-docs.enabled", "false");
        options.forEach((name, value) -> command.add("--" + name + "=" + value));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher started = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (started.find()) {
                return new SmallHeapServer(process, log, Integer.parseInt(started.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The small-heap server did not start:\n" + tail(log));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The small-heap server did not start in time; see " + log);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** The end of the server's log, for failure messages. */
    String tail() throws IOException {
        return tail(log);
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.substring(Math.max(0, text.length() - 4000));
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(log);
    }
}
