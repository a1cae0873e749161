package io.consentinel.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;

/**
 * (g) The bare Tomcat floor's server, run as a process of its own: the service's Tomcat (same version, NIO,
 * virtual threads, default keep-alive) with one servlet that reads the whole body and answers a fixed
 * decision of the usual size. No Spring, no JSON parsing, no database: what a single event costs on this
 * server before any of our code or framework runs. Prints {@code port <n>} when it listens.
 *
 * <p>Given a user, a mode and JDBC URLs (the password in {@code BENCH_PG_PASSWORD}), it is (h)'s or (i)'s server
 * instead: each request's rows are group-committed by a {@link BareGroupCommit} before the answer is written.
 * Mode {@code rows} is (h): one database, decision and event rows only. Mode {@code service-writes} is (i): a
 * writer per database (the service's zones), each request sent to one of them at random, each group also
 * doing the service's chain head, log and receipt range ({@link LogAppend}).
 */
public final class BareTomcat {

    /** A stored page view's answer, as the service writes one (docs/BENCHMARKS.md). */
    static final byte[] ANSWER = ("{\"eventId\":\"6f1c2a0e-5b7d-4c1e-9a53-2f0e8d7b4c11\",\"outcome\":\"anonymised\","
                    + "\"zone\":\"in\",\"policyVersion\":\"1\",\"reasons\":[\"NO_CONSENT\"],\"fields\":["
                    + "{\"path\":\"url\",\"category\":\"browsing\",\"action\":\"truncate\",\"reason\":\"NO_CONSENT\"},"
                    + "{\"path\":\"device.imei\",\"category\":\"device_identifier\",\"action\":\"hash\","
                    + "\"reason\":\"MINIMISED\"},"
                    + "{\"path\":\"ip\",\"category\":\"network\",\"action\":\"truncate\",\"reason\":\"NO_CONSENT\"},"
                    + "{\"path\":\"durationMs\",\"category\":\"usage\",\"action\":\"keep\",\"reason\":\"CONSENTED\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    private BareTomcat() {}

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("bare-tomcat");
        // bench/run stops this process with SIGTERM after each of (g) and (h); each run left two of these behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        // As Spring Boot sets it up with spring.threads.virtual.enabled=true, the service's setting.
        ((AbstractProtocol<?>) connector.getProtocolHandler()).setExecutor(new VirtualThreadExecutor("bare-"));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        BareGroupCommit[] writers = new BareGroupCommit[Math.max(0, args.length - 2)];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new BareGroupCommit(
                    args[i + 2],
                    args[0],
                    System.getenv().getOrDefault("BENCH_PG_PASSWORD", ""),
                    args[1].equals("service-writes"),
                    String.valueOf(i));
        }
        Tomcat.addServlet(context, "events", new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                request.getInputStream().readAllBytes();
                if (writers.length > 0) {
                    try {
                        writers[ThreadLocalRandom.current().nextInt(writers.length)]
                                .submit()
                                .join();
                    } catch (RuntimeException e) {
                        response.sendError(503);
                        return;
                    }
                }
                response.setStatus(200);
                response.setContentType("application/json");
                response.setContentLength(ANSWER.length);
                response.getOutputStream().write(ANSWER);
            }
        });
        context.addServletMappingDecoded("/*", "events");
        tomcat.start();
        System.out.println("port " + connector.getLocalPort());
        System.out.flush();
        tomcat.getServer().await();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // A temporary directory: what is left goes with the machine's next clean-up.
        }
    }
}
