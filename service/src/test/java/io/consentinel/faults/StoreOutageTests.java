package io.consentinel.faults;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.TestDatabases;
import io.consentinel.support.TestStores;
import io.consentinel.zones.ZoneStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Stores of its own, so taking them down cannot disturb other tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreOutageTests {

    static final String CONTROL = "outage_control";
    static final String IN = "outage_in";
    static final String EU = "outage_eu";
    /** Short, so that a store that stops answering is given up on well before a request's 30 s wait. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    @Qualifier("zonesHealthContributor")
    CompositeHealthContributor zones;

    @Autowired
    ZoneStores stores;

    Api management;

    Api admin;
    String appId;
    Api app;

    @DynamicPropertySource
    static void ownStores(DynamicPropertyRegistry registry) {
        TestDatabases server = TestDatabases.shared();
        TestStores.properties().forEach((name, value) -> {
            if (!name.startsWith("consentinel.zones.") && !name.startsWith("spring.datasource.")) {
                registry.add(name, () -> value);
            }
        });
        registry.add("consentinel.store-silence-limit", () -> SILENCE_LIMIT.toSeconds() + "s");
        registry.add("spring.datasource.url", () -> server.database(CONTROL));
        registry.add("spring.datasource.username", server::username);
        registry.add("spring.datasource.password", server::password);
        for (String zone : new String[] {"in", "eu"}) {
            registry.add("consentinel.zones." + zone + ".url", () -> server.database("outage_" + zone));
            registry.add("consentinel.zones." + zone + ".username", server::username);
            registry.add("consentinel.zones." + zone + ".password", server::password);
            registry.add("consentinel.zones." + zone + ".max-pool-size", () -> "4");
        }
    }

    @BeforeEach
    void app() {
        admin = TestStores.api(port);
        management = TestStores.api(managementPort).as(null);
        appId = Api.unique("app");
        app = admin.as(admin.issueKey("app", appId));
    }

    @AfterEach
    void everythingBackUp() {
        for (String db : new String[] {CONTROL, IN, EU}) {
            TestDatabases.shared().setReachable(db, true);
        }
    }

    @Test
    void aZoneThatIsDownAnswers503WhileOtherZonesWorkAndItRecoversWithoutRestart() {
        String german = Api.unique("de");
        String indian = Api.unique("in");
        app.post("/v1/subjects/" + german + "/consents", consent("DE", "granted"));
        app.post("/v1/subjects/" + indian + "/consents", consent("IN", "granted"));

        TestDatabases.shared().setReachable(EU, false);

        Map<String, Object> lost = pageView(appId, german);
        Reply down = app.post("/v1/events", lost);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(app.post("/v1/events", pageView(appId, indian))
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("anonymised"); // only the device id, minimised
        Reply readiness = management.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().propertyNames())
                .as("anonymous callers see the status only")
                .containsExactly("status");
        assertThat(((HealthIndicator) zones.getContributor("eu")).health().getStatus())
                .isEqualTo(Status.DOWN);
        assertThat(((HealthIndicator) zones.getContributor("in")).health().getStatus())
                .isEqualTo(Status.UP);
        assertThat(admin.as(null).get("/readyz").status()).isEqualTo(503);

        TestDatabases.shared().setReachable(EU, true);

        Reply retried = untilNot503(() -> app.post("/v1/events", lost));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("duplicate").asBoolean())
                .as("nothing was written by the failed attempt")
                .isFalse();
        assertThat(untilNot503(() -> management.get("/actuator/health/readiness"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aBatchAcrossTwoZonesWithOneDownSays503AndThatARetryReturnsTheStoredEventsAsDuplicates() {
        String german = Api.unique("de");
        String indian = Api.unique("in");
        app.post("/v1/subjects/" + german + "/consents", consent("DE", "granted"));
        app.post("/v1/subjects/" + indian + "/consents", consent("IN", "granted"));
        Map<String, Object> forIn = pageView(appId, indian);
        Map<String, Object> forEu = pageView(appId, german);
        Map<String, Object> batch = Map.of("events", List.of(forIn, forEu));

        TestDatabases.shared().setReachable(EU, false);
        Reply down = app.post("/v1/events/batch", batch);

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        assertThat(down.json().get("detail").asString())
                .contains("zone store eu is unavailable", "may have been stored", "duplicate: true")
                .doesNotContain(indian, german);
        // The in store committed its part of the batch; the eu store wrote nothing.
        assertThat(storedEvents("in", forIn)).isEqualTo(1);

        TestDatabases.shared().setReachable(EU, true);
        Reply retried = untilNot503(() -> app.post("/v1/events/batch", batch));

        assertThat(retried.status()).isEqualTo(200);
        JsonNode results = retried.json().get("results");
        assertThat(results.get(0).get("zone").asString()).isEqualTo("in");
        assertThat(results.get(0).get("duplicate").asBoolean())
                .as("stored by the failed attempt")
                .isTrue();
        assertThat(results.get(1).get("zone").asString()).isEqualTo("eu");
        assertThat(results.get(1).get("duplicate").asBoolean())
                .as("not stored by the failed attempt")
                .isFalse();
        assertThat(storedEvents("in", forIn)).isEqualTo(1);
        assertThat(storedEvents("eu", forEu)).isEqualTo(1);
    }

    private long storedEvents(String zone, Map<String, Object> event) {
        return stores.byName(zone)
                .orElseThrow()
                .jdbc()
                .sql("select count(*) from decisions where event_id = ?::uuid")
                .param(event.get("eventId").toString())
                .query(Long.class)
                .single();
    }

    @Test
    void whenTheControlStoreIsDownWritesAre503AndHealthSaysSo() {
        String subject = Api.unique("in");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));

        TestDatabases.shared().setReachable(CONTROL, false);

        Reply event = app.post("/v1/events", pageView(appId, subject));
        assertThat(event.status()).isEqualTo(503);
        assertThat(event.headers().firstValue("Retry-After")).isPresent();
        assertThat(app.post("/v1/subjects/" + subject + "/consents", consent("IN", "denied"))
                        .status())
                .isEqualTo(503);
        assertThat(management.get("/actuator/health").status()).isEqualTo(503);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(503);

        TestDatabases.shared().setReachable(CONTROL, true);

        assertThat(untilNot503(() -> app.post("/v1/events", pageView(appId, subject)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void eventsAreStoredWhileOtherWorkHoldsEveryConnectionOfTheZonesPool() throws SQLException {
        String german = Api.unique("de");
        app.post("/v1/subjects/" + german + "/consents", consent("DE", "granted"));
        DataSource pool = stores.byName("eu").orElseThrow().dataSource();
        List<Connection> held = new ArrayList<>();
        try {
            // As long exports or audit queries would: the pool's every connection (max-pool-size 4 here).
            for (int i = 0; i < 4; i++) {
                held.add(pool.getConnection());
            }

            Reply stored = app.post("/v1/events", pageView(appId, german));

            assertThat(stored.status())
                    .as("the zone writer has a pool of its own")
                    .isEqualTo(200);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void aZoneStoreThatStopsAnsweringIsGivenUpOnWithinTheSilenceLimitAndItsWriterGoesOn() throws SQLException {
        String german = Api.unique("de");
        app.post("/v1/subjects/" + german + "/consents", consent("DE", "granted"));
        Map<String, Object> event = pageView(appId, german);

        // The writer's group waits for the chain head's lock, and the store says nothing meanwhile: to the
        // writer, as a connection the network dropped.
        Stuck stuck = whileHolding(
                EU, "select 1 from chain_head where id = 1 for update", () -> app.post("/v1/events", event));

        assertThat(stuck.reply().status()).isEqualTo(503);
        assertThat(stuck.reply().headers().firstValue("Retry-After")).isPresent();
        assertThat(stuck.reply().json().get("detail").asString())
                .contains("Zone store eu stopped answering", "duplicate: true")
                .doesNotContain(german);
        assertThat(stuck.waited())
                .as("given up after the limit, not the 30 s wait")
                .isLessThan(SILENCE_LIMIT.plusSeconds(7));
        Reply retried = untilNot503(() -> app.post("/v1/events", event));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("duplicate").asBoolean())
                .as("the group given up on was rolled back")
                .isFalse();
    }

    @Test
    void consentAppendsAreAnswered503WhenTheControlStoreStopsAnsweringAndGoOnAfterwards() throws SQLException {
        String subject = Api.unique("in");
        Stuck stuck = whileHolding(
                CONTROL,
                "lock table consent_records in exclusive mode",
                () -> app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted")));

        assertThat(stuck.reply().status()).isEqualTo(503);
        assertThat(stuck.reply().headers().firstValue("Retry-After")).isPresent();
        assertThat(stuck.reply().json().get("detail").asString()).doesNotContain(subject);
        assertThat(stuck.waited()).isLessThan(SILENCE_LIMIT.plusSeconds(7));
        assertThat(untilNot503(() -> app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted")))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void requestsAreAnswered503WhenTheChangeLogReadGetsNoAnswerAndGoOnAfterwards() throws SQLException {
        String subject = Api.unique("in");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        // Every request first reads the change log (control.ControlClock); this lock keeps that read waiting.
        Stuck stuck = whileHolding(
                CONTROL,
                "lock table change_log in access exclusive mode",
                () -> app.post("/v1/events", pageView(appId, subject)));

        assertThat(stuck.reply().status()).isEqualTo(503);
        assertThat(stuck.waited()).isLessThan(SILENCE_LIMIT.plusSeconds(7));
        assertThat(untilNot503(() -> app.post("/v1/events", pageView(appId, subject)))
                        .status())
                .isEqualTo(200);
    }

    private record Stuck(Reply reply, Duration waited) {}

    /**
     * Makes {@code call} while another connection to one of this test's databases holds the lock that
     * {@code statement} takes, then lets it go.
     */
    private static Stuck whileHolding(String database, String statement, Supplier<Reply> call) throws SQLException {
        TestDatabases server = TestDatabases.shared();
        try (Connection holder =
                        DriverManager.getConnection(server.database(database), server.username(), server.password());
                Statement hold = holder.createStatement()) {
            holder.setAutoCommit(false);
            hold.execute(statement);
            long started = System.nanoTime();
            Reply reply = call.get();
            return new Stuck(reply, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * A client honouring Retry-After: the pool backs off between reconnection attempts, so recovery takes
     * a few seconds, never a restart.
     */
    private static Reply untilNot503(java.util.function.Supplier<Reply> call) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        Reply reply = call.get();
        while (reply.status() == 503 && java.time.Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            reply = call.get();
        }
        return reply;
    }
}
