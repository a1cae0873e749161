package io.consentinel.faults;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.ChainCheck;
import io.consentinel.support.TestDatabases;
import io.consentinel.support.TestStores;
import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged jar, killed with SIGKILL in the middle of load and started again: every event that got a
 * 200 must be in its zone store together with its decision, and every chain must still verify.
 */
class KillNineIT {

    static final Set<String> ZONES = Set.of("in", "eu");

    @Test
    void everyAcknowledgedEventSurvivesKillNine() throws Exception {
        TestDatabases server = TestDatabases.shared();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("SPRING_DATASOURCE_URL", server.database("kill_control"));
        env.put("SPRING_DATASOURCE_USERNAME", server.username());
        env.put("SPRING_DATASOURCE_PASSWORD", server.password());
        for (String zone : ZONES) {
            String prefix = "CONSENTINEL_ZONES_" + zone.toUpperCase() + "_";
            env.put(prefix + "URL", server.database("kill_" + zone));
            env.put(prefix + "USERNAME", server.username());
            env.put(prefix + "PASSWORD", server.password());
        }
        env.put("CONSENTINEL_BOOTSTRAP_ADMIN_KEY", TestStores.ADMIN_KEY);
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY", TestStores.PSEUDONYMISATION_KEY);
        env.put("CONSENTINEL_PSEUDONYMISATION_KEY_ID", TestStores.PSEUDONYMISATION_KEY_ID);
        env.put("CONSENTINEL_LOG_SIGNING_KEY", TestStores.LOG_SIGNING_KEY);
        int port = freePort();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("CONSENTINEL_MANAGEMENT_PORT", "0"); // probes use /readyz on the API port

        Process first = start(env, "first");
        Api admin = TestStores.api(port);
        String appId = Api.unique("app");
        Api app = admin.as(admin.issueKey("app", appId));
        List<String> subjects = new ArrayList<>();
        for (String jurisdiction : List.of("IN", "DE", "IN", "FR")) {
            String subject = Api.unique("kill");
            app.post("/v1/subjects/" + subject + "/consents", consent(jurisdiction, "granted"));
            subjects.add(subject);
        }

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Instant killAt = Instant.now().plusSeconds(4);
        try (ExecutorService load = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                load.submit(() -> {
                    while (Instant.now().isBefore(killAt.plusSeconds(2))) {
                        Map<String, Object> event = pageView(
                                appId, subjects.get(ThreadLocalRandom.current().nextInt(subjects.size())));
                        try {
                            Reply reply = app.post("/v1/events", event);
                            if (reply.status() == 200) {
                                acknowledged.put(
                                        (String) event.get("eventId"),
                                        reply.json().get("zone").asString());
                            }
                        } catch (RuntimeException connectionLost) {
                            // Expected once the process is gone: not acknowledged, so nothing to check.
                        }
                    }
                    return null;
                });
            }
            while (Instant.now().isBefore(killAt)) {
                Thread.sleep(50);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged)
                .as("the load must have been acknowledged before the kill")
                .hasSizeGreaterThan(50);

        Process second = start(env, "second");
        try {
            assertThat(admin.get("/readyz").status()).isEqualTo(200);
            for (String zone : ZONES) {
                JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(
                        server.database("kill_" + zone), server.username(), server.password()));
                List<String> expected = acknowledged.entrySet().stream()
                        .filter(e -> zone.equals(e.getValue()))
                        .map(Map.Entry::getKey)
                        .toList();
                long decisions = jdbc.sql("select count(*) from decisions where event_id = any(?::uuid[])")
                        .param(expected.toArray(String[]::new))
                        .query(Long.class)
                        .single();
                long events = jdbc.sql("select count(*) from events where event_id = any(?::uuid[])")
                        .param(expected.toArray(String[]::new))
                        .query(Long.class)
                        .single();
                assertThat(decisions).as("decisions in " + zone).isEqualTo(expected.size());
                assertThat(events).as("events in " + zone).isEqualTo(expected.size());
                ChainCheck.verify(zone, jdbc);
            }
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process start(Map<String, String> env, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        File log = new File("target/kill-nine-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx384m", "-jar", System.getProperty("consentinel.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().putAll(env);
        Process process = builder.start();
        Api probe = TestStores.api(Integer.parseInt(env.get("SERVER_PORT")));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during start-up; see " + log);
            }
            try {
                if (probe.as(null).get("/readyz").status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service did not become ready in time; see " + log);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
