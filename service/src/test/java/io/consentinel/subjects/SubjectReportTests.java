package io.consentinel.subjects;

import static io.consentinel.support.Telemetry.consent;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SubjectReportTests extends IntegrationTest {

    @Test
    void reportGathersConsentHistoryDecisionsAndEventsFromEveryStore() {
        String subject = Api.unique("u");
        SubjectFixtures.Spread spread = new SubjectFixtures(api()).spreadAcrossStores(subject);

        Reply reply = api().as(api().issueKey("officer", null)).get("/v1/subjects/" + subject + "/report");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode report = reply.json();
        assertThat(report.get("subjectId").asString()).isEqualTo(subject);

        List<JsonNode> consent =
                report.get("consent").get("records").valueStream().toList();
        assertThat(consent).extracting(r -> r.get("jurisdiction").asString()).containsExactly("IN", "DE");
        assertThat(consent.getFirst().get("purposes").get("analytics").asString())
                .isEqualTo("granted");
        assertThat(consent.getFirst().get("recordId").asString()).isNotBlank();

        List<JsonNode> decisions = report.get("decisions").valueStream().toList();
        assertThat(decisions)
                .extracting(d -> d.get("eventId").asString())
                .containsExactly(spread.eu(), spread.in2(), spread.in1(), spread.unplaced());
        assertThat(decisions).extracting(d -> d.get("store").asString()).containsExactly("eu", "in", "in", "control");
        assertThat(receivedAt(decisions)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode unplaced = decisions.getLast();
        assertThat(unplaced.get("zone").isNull()).isTrue();
        assertThat(unplaced.get("reasons").get(0).asString()).isEqualTo("JURISDICTION_UNKNOWN");
        assertThat(decisions.getFirst().get("consentRecordIds").get(0).asString())
                .isEqualTo(consent.getLast().get("recordId").asString());

        List<JsonNode> events = report.get("events").valueStream().toList();
        assertThat(events)
                .extracting(
                        e -> e.get("zone").asString() + "/" + e.get("eventId").asString())
                .containsExactlyInAnyOrder("eu/" + spread.eu(), "in/" + spread.in1(), "in/" + spread.in2());
        JsonNode event = events.getFirst();
        assertThat(event.get("type").asString()).isEqualTo("browsing.page_view");
        assertThat(event.get("storedAttributes").get("url").asString()).isEqualTo("https://news.example/story");
        assertThat(event.get("expiresAt").asString()).isNotBlank();
        for (String field : new String[] {"appId", "occurredAt", "receivedAt"}) {
            assertThat(event.get(field).asString()).isNotBlank();
        }
    }

    @Test
    void reportAndErasureCoverEveryScope() {
        String subject = Api.unique("u");
        String consents = "/v1/subjects/" + subject + "/consents";
        String appA = Api.unique("app-a");
        String appB = Api.unique("app-b");
        api().as(api().issueKey("app", appA)).post(consents, consent("IN", "granted"));
        api().as(api().issueKey("app", appB)).post(consents, consent("DE", "denied"));
        api().as(api().issueKey("collector", null)).post(consents, consent("IN", "denied"));

        JsonNode records = api().as(api().issueKey("officer", null))
                .get("/v1/subjects/" + subject + "/report")
                .json()
                .get("consent")
                .get("records");

        assertThat(records.valueStream()
                        .map(r -> r.get("appId").isNull()
                                ? "vendor-wide"
                                : r.get("appId").asString()))
                .containsExactlyInAnyOrder(appA, appB, "vendor-wide");
        assertThat(records.valueStream().map(r -> r.get("imported").asBoolean()))
                .containsOnly(false);
        Reply erased = api().delete("/v1/subjects/" + subject);
        assertThat(erased.json().get("consentRecordsPseudonymised").asInt()).isEqualTo(3);
        assertThat(api().get(consents + "/history").status()).isEqualTo(404);
    }

    @Test
    void subjectWithNothingAnywhereIsA404Problem() {
        Reply reply = api().get("/v1/subjects/" + Api.unique("nobody") + "/report");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asString()).isNotBlank();
    }

    @Test
    void subjectKnownOnlyFromItsEventsHasAReport() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).pageView(subject, "IN");

        JsonNode report = api().get("/v1/subjects/" + subject + "/report").json();

        assertThat(report.get("consent").get("records").isEmpty()).isTrue();
        assertThat(report.get("decisions").size()).isEqualTo(1);
        assertThat(report.get("events").isEmpty()).isTrue();
    }

    @Test
    void appKeysMayNotReadReports() {
        Reply reply = api().as(api().issueKey("app", Api.unique("app"))).get("/v1/subjects/u-1/report");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    private static List<Instant> receivedAt(List<JsonNode> decisions) {
        return decisions.stream()
                .map(d -> Instant.parse(d.get("receivedAt").asString()))
                .toList();
    }
}
