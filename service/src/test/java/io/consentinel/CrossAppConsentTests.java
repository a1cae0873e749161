package io.consentinel;

import static io.consentinel.support.Telemetry.assertDecidedWithFullConsent;
import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStores;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The security probe's attacks, replayed over HTTP with two apps' keys and a collector's: one app must not
 * grant, deny, re-route or read for another, while a collector's vendor-wide record counts for every app.
 */
class CrossAppConsentTests extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    String appA;
    String appB;
    Api a;
    Api b;
    Api collector;
    String subject;

    @BeforeEach
    void keys() {
        appA = Api.unique("app-a");
        appB = Api.unique("app-b");
        a = api().as(api().issueKey("app", appA));
        b = api().as(api().issueKey("app", appB));
        collector = api().as(api().issueKey("collector", null));
        subject = Api.unique("u");
    }

    @Test
    void anotherAppsGrantDoesNotLetThisAppsEventsIn() {
        assertThat(b.post(consents(), consent("IN", "granted")).status()).isEqualTo(201);

        JsonNode result = a.post(
                        "/v1/events",
                        with(pageView(appA, subject, Instant.now().minusSeconds(1)), "jurisdiction", "IN"))
                .json();

        assertThat(result.get("outcome").asString()).isEqualTo("rejected");
        assertThat(result.get("reasons").get(0).asString()).isEqualTo("CONSENT_MISSING");
        assertThat(storedEvents(appA, "in") + storedEvents(appA, "eu")).isZero();
        // The granting app's own events are judged by its own grant.
        assertDecidedWithFullConsent(
                b.post("/v1/events", pageView(appB, subject, Instant.now().minusSeconds(1)))
                        .json());
    }

    @Test
    void anotherAppsDenialDoesNotWithdrawThisAppsConsent() {
        a.post(consents(), consent("IN", "granted"));
        b.post(
                consents(),
                with(
                        consent("IN", "denied"),
                        "capturedAt",
                        Instant.now().minusSeconds(60).toString()));

        JsonNode result = a.post(
                        "/v1/events", pageView(appA, subject, Instant.now().minusSeconds(1)))
                .json();

        assertDecidedWithFullConsent(result);
        JsonNode denied = b.post(
                        "/v1/events", pageView(appB, subject, Instant.now().minusSeconds(1)))
                .json();
        assertThat(denied.get("outcome").asString()).isEqualTo("rejected");
    }

    @Test
    void anotherAppsJurisdictionDoesNotReRouteThisAppsEvents() {
        a.post(consents(), consent("IN", "granted"));
        b.post(
                consents(),
                with(
                        consent("DE", "granted"),
                        "capturedAt",
                        Instant.now().minusSeconds(60).toString()));

        Map<String, Object> event = pageView(appA, subject, Instant.now().minusSeconds(1));
        JsonNode result = a.post("/v1/events", event).json();

        assertThat(result.get("zone").asString()).isEqualTo("in");
        assertThat(storedEvents(appA, "in")).isEqualTo(1);
        assertThat(storedEvents(appA, "eu")).isZero();
        assertThat(stored("eu", "decisions", appA)).isZero();
        // appB's own events do go where its record says.
        b.post("/v1/events", pageView(appB, subject, Instant.now().minusSeconds(1)));
        assertThat(storedEvents(appB, "eu")).isEqualTo(1);
    }

    @Test
    void anotherAppsJurisdictionDoesNotOverrideTheEventsOwnWhenThisAppHasNoRecord() {
        b.post(consents(), consent("DE", "granted"));
        Map<String, Object> event = with(pageView(appA, subject, Instant.now().minusSeconds(1)), "jurisdiction", "IN");

        JsonNode result = a.post("/v1/events", event).json();

        assertThat(result.get("zone").asString()).isEqualTo("in");
        assertThat(stored("in", "decisions", appA)).isEqualTo(1);
        assertThat(stored("eu", "decisions", appA)).isZero();
    }

    @Test
    void anotherAppsChildFlagDoesNotProtectThisAppsSubjectAwayFromItsConsent() {
        a.post(consents(), consent("IN", "granted"));
        b.post(
                consents(),
                with(
                        with(consent("IN", "granted"), "child", true),
                        "capturedAt",
                        Instant.now().minusSeconds(60).toString()));

        assertDecidedWithFullConsent(
                a.post("/v1/events", pageView(appA, subject, Instant.now().minusSeconds(1)))
                        .json());
        assertThat(b.post("/v1/events", pageView(appB, subject, Instant.now().minusSeconds(1)))
                        .json()
                        .get("reasons")
                        .get(0)
                        .asString())
                .isEqualTo("CHILD_PROTECTED");
    }

    @Test
    void anAppReadsOnlyItsOwnViewAndMayNotAskForAnothersView() {
        a.post(consents(), with(consent("IN", "granted"), "source", "app-a/settings"));

        assertThat(b.get(consents()).status()).isEqualTo(404);
        Reply history = b.get(consents() + "/history");
        assertThat(history.status()).isEqualTo(404);
        assertThat(history.body()).doesNotContain("app-a/settings");
        assertThat(b.get(consents() + "/history?appId=" + appA).status()).isEqualTo(403);
        assertThat(b.get(consents() + "?appId=" + appA).status()).isEqualTo(403);

        b.post(consents(), consent("DE", "denied"));
        JsonNode own = b.get(consents() + "/history").json().get("records");
        assertThat(own).hasSize(1);
        assertThat(own.get(0).get("appId").asString()).isEqualTo(appB);
        assertThat(b.get(consents()).json().get("jurisdiction").asString()).isEqualTo("DE");
        assertThat(a.get(consents()).json().get("jurisdiction").asString()).isEqualTo("IN");
    }

    @Test
    void aCollectorsVendorWideRecordCountsForEveryAppAndItSeesEveryRecord() {
        a.post(consents(), consent("IN", "denied"));
        Reply recorded = collector.post(
                consents(),
                with(
                        consent("IN", "granted"),
                        "capturedAt",
                        Instant.now().minusSeconds(60).toString()));
        assertThat(recorded.status()).isEqualTo(201);

        assertDecidedWithFullConsent(
                a.post("/v1/events", pageView(appA, subject, Instant.now().minusSeconds(1)))
                        .json());
        assertDecidedWithFullConsent(
                b.post("/v1/events", pageView(appB, subject, Instant.now().minusSeconds(1)))
                        .json());

        JsonNode all = collector.get(consents() + "/history").json().get("records");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("appId").asString()).isEqualTo(appA);
        assertThat(all.get(1).get("appId").isNull()).isTrue();
        assertThat(all.get(1).get("imported").asBoolean()).isFalse();
        assertThat(b.get(consents() + "/history").json().get("records")).hasSize(1);
        assertThat(collector.get(consents() + "/history?appId=" + appB).json().get("records"))
                .hasSize(1);
        assertThat(api().get(consents() + "/history?appId=" + appA).json().get("records"))
                .hasSize(2);
        assertThat(collector
                        .get(consents() + "?appId=" + appA)
                        .json()
                        .get("purposes")
                        .get("analytics")
                        .get("status")
                        .asString())
                .isEqualTo("granted");
    }

    @Test
    void aCollectorCannotPostEvents() {
        Reply reply = collector.post("/v1/events", pageView(appA, subject));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(collector
                        .post("/v1/events/batch", Map.of("events", java.util.List.of(pageView(appA, subject))))
                        .status())
                .isEqualTo(403);
        assertThat(stored("in", "decisions", appA) + stored("eu", "decisions", appA))
                .isZero();
    }

    @Test
    void onlyAnAdminMayRecordConsentCapturedBeforeTheBackdatingLimit() {
        String monthAgo = Instant.now()
                .minus(30, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        for (Api key : new Api[] {a, collector}) {
            Reply refused = key.post(consents(), with(consent("IN", "granted"), "capturedAt", monthAgo));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/capturedAt");
        }
        assertThat(api().get(consents()).status()).isEqualTo(404);

        assertThat(api().post(consents(), with(consent("IN", "granted"), "capturedAt", monthAgo))
                        .status())
                .isEqualTo(201);
        JsonNode imported =
                api().get(consents() + "/history").json().get("records").get(0);
        assertThat(imported.get("imported").asBoolean()).isTrue();
        assertThat(imported.get("appId").isNull()).isTrue();
        // Six days back is within the default limit of seven.
        String sixDaysAgo = Instant.now().minus(6, ChronoUnit.DAYS).toString();
        assertThat(a.post(consents(), with(consent("IN", "granted"), "capturedAt", sixDaysAgo))
                        .status())
                .isEqualTo(201);
        assertThat(a.get(consents() + "/history")
                        .json()
                        .get("records")
                        .get(1)
                        .get("imported")
                        .asBoolean())
                .isFalse();
    }

    private String consents() {
        return "/v1/subjects/" + subject + "/consents";
    }

    private long storedEvents(String appId, String zone) {
        return stored(zone, "events", appId);
    }

    private long stored(String zone, String table, String appId) {
        return stores.byName(zone)
                .orElseThrow()
                .jdbc()
                .sql("select count(*) from " + table + " where app_id = ?")
                .param(appId)
                .query(Long.class)
                .single();
    }
}
