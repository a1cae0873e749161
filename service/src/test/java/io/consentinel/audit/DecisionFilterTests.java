package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionFilterTests extends AuditTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private String app;
    private String s1;
    private DecisionRecord accepted;
    private DecisionRecord anonymisedIn;
    private DecisionRecord anonymisedEu;
    private DecisionRecord rejectedUnplaced;

    @BeforeEach
    void fourDecisionsInThreeStores() {
        app = unique("filters");
        s1 = unique("subject");
        accepted = decisions()
                .append("in", DecisionDraft.of(app, s1).receivedAt(T0).consentRecordIds("rec-1"));
        anonymisedIn = decisions()
                .append(
                        "in",
                        DecisionDraft.of(app, unique("subject"))
                                .type("app.open")
                                .outcome("anonymised")
                                .reasons("CONSENT_MISSING")
                                .receivedAt(T0.plusSeconds(1))
                                .field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING"));
        anonymisedEu = decisions()
                .append(
                        "eu",
                        DecisionDraft.of(app, s1)
                                .zone("eu")
                                .jurisdiction("DE")
                                .outcome("anonymised")
                                .reasons("CONSENT_WITHDRAWN")
                                .receivedAt(T0.plusSeconds(2))
                                .field("url", "behaviour.browsing", "url_domain", "CONSENT_WITHDRAWN")
                                .field("ip", "network.ip", "truncate_ip", "CONSENT_WITHDRAWN"));
        rejectedUnplaced = decisions()
                .append(
                        "control",
                        DecisionDraft.of(app, unique("subject"))
                                .zone(null)
                                .jurisdiction(null)
                                .outcome("rejected")
                                .reasons("JURISDICTION_UNKNOWN")
                                .receivedAt(T0.plusSeconds(3)));
    }

    @Test
    void withoutFiltersEveryStoreIsMergedNewestFirst() {
        assertThat(listed("")).containsExactly(ids(rejectedUnplaced, anonymisedEu, anonymisedIn, accepted));
    }

    @Test
    void eachAttributeFilterSelectsOnlyItsDecisions() {
        assertThat(listed("&subjectId=" + s1)).containsExactly(ids(anonymisedEu, accepted));
        assertThat(listed("&type=app.open")).containsExactly(ids(anonymisedIn));
        assertThat(listed("&jurisdiction=DE")).containsExactly(ids(anonymisedEu));
        assertThat(listed("&zone=in")).containsExactly(ids(anonymisedIn, accepted));
        assertThat(listed("&zone=eu")).containsExactly(ids(anonymisedEu));
        assertThat(listed("&outcome=anonymised")).containsExactly(ids(anonymisedEu, anonymisedIn));
        assertThat(listed("&outcome=rejected")).containsExactly(ids(rejectedUnplaced));
        assertThat(listed("&reason=CONSENT_MISSING")).containsExactly(ids(anonymisedIn));
        assertThat(listed("&reason=JURISDICTION_UNKNOWN")).containsExactly(ids(rejectedUnplaced));
        assertThat(listed("&category=behaviour.browsing")).containsExactly(ids(anonymisedEu));
        assertThat(listed("&action=pseudonymise")).containsExactly(ids(anonymisedIn));
        assertThat(listed("&subjectId=nobody-" + app)).isEmpty();
    }

    @Test
    void categoryAndActionMustMatchTheSameField() {
        assertThat(listed("&category=network.ip&action=truncate_ip")).containsExactly(ids(anonymisedEu));
        assertThat(listed("&category=network.ip&action=url_domain")).isEmpty();
    }

    @Test
    void fromIsInclusiveAndToIsExclusiveOnReceiptTime() {
        assertThat(listed("&from=2026-03-01T10:00:01Z"))
                .containsExactly(ids(rejectedUnplaced, anonymisedEu, anonymisedIn));
        assertThat(listed("&to=2026-03-01T10:00:01Z")).containsExactly(ids(accepted));
        assertThat(listed("&from=2026-03-01T10:00:01Z&to=2026-03-01T10:00:03Z"))
                .containsExactly(ids(anonymisedEu, anonymisedIn));
        // Any offset is accepted, including a '+' that arrives decoded as a space.
        assertThat(listed("&to=2026-03-01T15:30:01+05:30")).containsExactly(ids(accepted));
        assertThat(listed("&to=2026-03-01T15:30:01%2B05:30")).containsExactly(ids(accepted));
    }

    @Test
    void itemsCarryTheWholeDecisionInUtc() {
        JsonNode eu = only("&zone=eu");
        assertThat(eu.propertyNames())
                .containsExactly(
                        "eventId",
                        "outcome",
                        "zone",
                        "policyVersion",
                        "reasons",
                        "fields",
                        "subjectId",
                        "subjectRef",
                        "appId",
                        "type",
                        "jurisdiction",
                        "occurredAt",
                        "receivedAt",
                        "consentRecordIds",
                        "sequence");
        assertThat(eu.get("eventId").asString())
                .isEqualTo(anonymisedEu.eventId().toString());
        assertThat(eu.get("zone").asString()).isEqualTo("eu");
        assertThat(eu.get("policyVersion").asString()).isEqualTo("2026-11-24");
        assertThat(texts(eu.get("reasons"))).containsExactly("CONSENT_WITHDRAWN");
        assertThat(eu.get("fields").get(1).toString())
                .isEqualTo(
                        "{\"path\":\"ip\",\"category\":\"network.ip\",\"action\":\"truncate_ip\",\"reason\":\"CONSENT_WITHDRAWN\"}");
        assertThat(eu.get("subjectId").asString()).isEqualTo(s1);
        assertThat(eu.get("type").asString()).isEqualTo("browsing.page_view");
        assertThat(eu.get("receivedAt").asString()).isEqualTo("2026-03-01T10:00:02Z");
        assertThat(eu.get("occurredAt").asString()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(eu.get("sequence").asLong()).isEqualTo(anonymisedEu.sequence());

        JsonNode unplaced = only("&outcome=rejected");
        assertThat(unplaced.get("zone").isNull()).isTrue();
        assertThat(unplaced.get("jurisdiction").isNull()).isTrue();
        assertThat(texts(only("&zone=in&type=browsing.page_view").get("consentRecordIds")))
                .containsExactly("rec-1");
    }

    @Test
    void invalidFiltersAreAllReportedInOneProblem() {
        Reply reply = officer()
                .get("/v1/audit/decisions?outcome=maybe&from=yesterday&to=2026-13-01T00:00:00Z"
                        + "&zone=mars&limit=many&cursor=%25%25&subjectID=x&appId=");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(texts(reply.json().get("errors"), "pointer"))
                .containsExactlyInAnyOrder(
                        "/outcome", "/from", "/to", "/zone", "/limit", "/cursor", "/subjectID", "/appId");
        assertThat(reply.body()).doesNotContain("yesterday", "mars");
    }

    @Test
    void fromMustComeBeforeTo() {
        Reply reply = officer().get("/v1/audit/decisions?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(texts(reply.json().get("errors"), "pointer")).containsExactly("/to");
    }

    private List<String> listed(String filters) {
        Reply reply = officer().get("/v1/audit/decisions?appId=" + app + filters.replace(" ", "%20"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("nextCursor").isNull()).isTrue();
        return texts(reply.json().get("items"), "eventId");
    }

    private JsonNode only(String filters) {
        Reply reply = officer().get("/v1/audit/decisions?appId=" + app + filters);
        assertThat(reply.json().get("items").size()).isEqualTo(1);
        return reply.json().get("items").get(0);
    }

    private static String[] ids(DecisionRecord... records) {
        return Arrays.stream(records).map(r -> r.eventId().toString()).toArray(String[]::new);
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }
}
