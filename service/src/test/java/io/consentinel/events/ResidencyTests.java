package io.consentinel.events;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.TestDatabases;
import io.consentinel.support.TestStores;
import io.consentinel.zones.ZoneStores;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** A deployment with only an {@code eu} store: Indian subjects' data has nowhere lawful to go. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ResidencyTests {

    @LocalServerPort
    int port;

    @Autowired
    ZoneStores stores;

    @DynamicPropertySource
    static void euOnly(DynamicPropertyRegistry registry) {
        TestDatabases server = TestDatabases.shared();
        TestStores.properties().forEach((name, value) -> {
            if (!name.startsWith("consentinel.zones.")) {
                registry.add(name, () -> value);
            }
        });
        registry.add("consentinel.zones.eu.url", () -> server.database("residency_eu"));
        registry.add("consentinel.zones.eu.username", server::username);
        registry.add("consentinel.zones.eu.password", server::password);
    }

    @Test
    void indianSubjectsEventIsRejectedAndNoZoneStoreReceivesAnything() {
        Api admin = TestStores.api(port);
        String appId = Api.unique("app");
        Api app = admin.as(admin.issueKey("app", appId));
        String subject = Api.unique("in-subject");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));

        Map<String, Object> event = pageView(appId, subject);
        JsonNode result = app.post("/v1/events", event).json();

        assertThat(result.get("outcome").asString()).isEqualTo("rejected");
        assertThat(result.get("reasons").get(0).asString()).isEqualTo("RESIDENCY_UNAVAILABLE");
        assertThat(result.get("zone").isNull()).isTrue();
        assertThat(stores.residencyZones()).containsExactly("eu");
        for (var store : stores.all()) {
            long events = store.jdbc()
                    .sql("select count(*) from events where subject_id = ?")
                    .param(subject)
                    .query(Long.class)
                    .single();
            assertThat(events).as("events in " + store.name()).isZero();
        }
        long inZoneStore = stores.residency("eu")
                .orElseThrow()
                .jdbc()
                .sql("select count(*) from decisions where subject_id = ?")
                .param(subject)
                .query(Long.class)
                .single();
        assertThat(inZoneStore).as("rows of an Indian subject in the eu store").isZero();
        long recorded = stores.home()
                .jdbc()
                .sql("select count(*) from decisions where subject_id = ?")
                .param(subject)
                .query(Long.class)
                .single();
        assertThat(stores.home().name()).isEqualTo("control");
        assertThat(recorded).as("the rejection is audited in the control store").isEqualTo(1);
    }
}
