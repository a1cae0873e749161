package io.consentinel;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/** What the actuator shows, and to whom (docs/DEPLOYMENT.md "Operations endpoints"). */
class ActuatorExposureTests extends IntegrationTest {

    @Autowired
    HealthEndpointGroups groups;

    @Autowired
    ZoneStores stores;

    @Autowired
    @Qualifier("zonesHealthContributor")
    CompositeHealthContributor zones;

    @Test
    void anonymousHealthShowsTheStatusOnly() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            Reply reply = management().get(path);

            assertThat(reply.status()).as(path).isEqualTo(200);
            // The root also lists the names of the probe groups (liveness, readiness), which tell nothing.
            assertThat(reply.json().propertyNames())
                    .as(path)
                    .contains("status")
                    .doesNotContain("components", "details");
            assertThat(reply.json().get("status").asString()).isEqualTo("UP");
            assertThat(reply.body()).doesNotContain("jdbc", "PostgreSQL", "path", "diskSpace", "lastSequence");
        }
    }

    @Test
    void componentsAndDetailsAreForAuthorisedCallersOnly() {
        for (String name : List.of("readiness", "liveness")) {
            HealthEndpointGroup group = groups.get(name);
            assertThat(group.showComponents(SecurityContext.NONE)).as(name).isFalse();
            assertThat(group.showDetails(SecurityContext.NONE)).as(name).isFalse();
        }
        assertThat(groups.getPrimary().showDetails(SecurityContext.NONE)).isFalse();
    }

    @Test
    void readinessCoversTheControlStoreAndEveryZoneStore() {
        HealthEndpointGroup readiness = groups.get("readiness");

        assertThat(readiness.isMember("db")).isTrue();
        assertThat(readiness.isMember("zones")).isTrue();
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(StreamSupport.stream(((HealthContributors) zones).spliterator(), false)
                        .map(HealthContributors.Entry::name))
                .containsExactlyInAnyOrderElementsOf(
                        stores.all().stream().map(ZoneStore::name).toList())
                .contains("in", "eu", ZoneStores.CONTROL);
        assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
    }

    @Test
    void probesAlsoAnswerOnTheApiPortWithTheStatusOnly() {
        Api anonymous = api().as(null);
        for (String path : List.of("/readyz", "/livez")) {
            Reply reply = anonymous.get(path);

            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json().propertyNames()).as(path).containsExactly("status");
        }
    }

    @Test
    void metricsAreServedOnTheManagementPortOnly() {
        assertThat(management().get("/actuator/prometheus").status()).isEqualTo(200);

        Reply onTheApiPort = api().as(null).get("/actuator/prometheus");

        assertThat(onTheApiPort.status()).isEqualTo(404);
        assertThat(onTheApiPort.body()).doesNotContain("jvm_", "consentinel_");
        assertThat(api().as(null).get("/actuator/health").status()).isEqualTo(404);
    }
}
