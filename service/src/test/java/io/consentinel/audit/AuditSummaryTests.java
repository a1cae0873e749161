package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.consentinel.support.Api.Reply;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditSummaryTests extends AuditTest {

    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    private String app;

    @BeforeEach
    void sixDecisionsInThreeStores() {
        app = unique("summary");
        decisions()
                .append(
                        "in",
                        List.of(
                                draft(0).outcome("anonymised")
                                        .reasons("CONSENT_MISSING")
                                        .field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING")
                                        .field(
                                                "device.androidId",
                                                "device.identifier",
                                                "pseudonymise",
                                                "CONSENT_MISSING"),
                                draft(1).type("app.open")
                                        .outcome("anonymised")
                                        .reasons("CONSENT_MISSING", "UNCLASSIFIED_FIELD")
                                        .field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING")
                                        .field("extra", null, "drop", "UNCLASSIFIED_FIELD"),
                                draft(2)));
        decisions()
                .append(
                        "eu",
                        List.of(
                                draft(3).zone("eu")
                                        .jurisdiction("DE")
                                        .outcome("anonymised")
                                        .reasons("CONSENT_WITHDRAWN")
                                        .field("url", "behaviour.browsing", "url_domain", "CONSENT_WITHDRAWN"),
                                draft(4).zone("eu")
                                        .jurisdiction("DE")
                                        .outcome("rejected")
                                        .reasons("CONSENT_WITHDRAWN")));
        decisions()
                .append(
                        "control",
                        draft(5).zone(null)
                                .jurisdiction(null)
                                .outcome("rejected")
                                .reasons("JURISDICTION_UNKNOWN"));
    }

    @Test
    void countsByOutcomeAndZoneAcrossStores() {
        JsonNode summary = summary("&groupBy=outcome,zone");
        assertThat(summary.get("total").asLong()).isEqualTo(6);
        assertThat(groups(summary))
                .containsOnly(
                        entry("{\"outcome\":\"anonymised\",\"zone\":\"in\"}", 2L),
                        entry("{\"outcome\":\"accepted\",\"zone\":\"in\"}", 1L),
                        entry("{\"outcome\":\"anonymised\",\"zone\":\"eu\"}", 1L),
                        entry("{\"outcome\":\"rejected\",\"zone\":\"eu\"}", 1L),
                        entry("{\"outcome\":\"rejected\",\"zone\":null}", 1L));
        assertThat(summary.get("groups").get(0).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void aDecisionCountsOnceInEachOfItsReasons() {
        assertThat(groups(summary("&groupBy=reason")))
                .containsOnly(
                        entry("{\"reason\":\"CONSENT_MISSING\"}", 2L),
                        entry("{\"reason\":\"CONSENT_WITHDRAWN\"}", 2L),
                        entry("{\"reason\":\"UNCLASSIFIED_FIELD\"}", 1L),
                        entry("{\"reason\":\"JURISDICTION_UNKNOWN\"}", 1L),
                        entry("{\"reason\":null}", 1L));
    }

    @Test
    void categoryAndActionCountDecisionsNotFields() {
        assertThat(groups(summary("&groupBy=category,action")))
                .containsOnly(
                        entry("{\"category\":\"device.identifier\",\"action\":\"pseudonymise\"}", 2L),
                        entry("{\"category\":null,\"action\":\"drop\"}", 1L),
                        entry("{\"category\":\"behaviour.browsing\",\"action\":\"url_domain\"}", 1L),
                        entry("{\"category\":null,\"action\":null}", 3L));
    }

    @Test
    void groupsCombineAnyDimensionsAndFiltersStillApply() {
        assertThat(groups(summary("&groupBy=appId,type")))
                .containsOnly(
                        entry("{\"appId\":\"" + app + "\",\"type\":\"browsing.page_view\"}", 5L),
                        entry("{\"appId\":\"" + app + "\",\"type\":\"app.open\"}", 1L));
        JsonNode rejected = summary("&outcome=rejected&groupBy=jurisdiction,reason");
        assertThat(rejected.get("total").asLong()).isEqualTo(2);
        assertThat(groups(rejected))
                .containsOnly(
                        entry("{\"jurisdiction\":\"DE\",\"reason\":\"CONSENT_WITHDRAWN\"}", 1L),
                        entry("{\"jurisdiction\":null,\"reason\":\"JURISDICTION_UNKNOWN\"}", 1L));
    }

    @Test
    void fromAndToBoundTheReceiptTime() {
        JsonNode window = summary("&from=2026-05-01T12:00:01Z&to=2026-05-01T12:00:04Z&groupBy=zone");
        assertThat(window.get("total").asLong()).isEqualTo(3);
        assertThat(groups(window)).containsOnly(entry("{\"zone\":\"in\"}", 2L), entry("{\"zone\":\"eu\"}", 1L));
    }

    @Test
    void withoutGroupByOnlyTheTotalIsGiven() {
        JsonNode summary = summary("");
        assertThat(summary.get("total").asLong()).isEqualTo(6);
        assertThat(summary.get("groups").isEmpty()).isTrue();
    }

    @Test
    void unknownOrRepeatedGroupByKeysAreBadRequests() {
        for (String groupBy : new String[] {"outcome,colour", "zone,zone", "outcome,", "Outcome"}) {
            Reply reply = officer().get("/v1/audit/summary?groupBy=" + groupBy);
            assertThat(reply.status()).as(groupBy).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/groupBy");
        }
        assertThat(officer().get("/v1/audit/summary?limit=5").status()).isEqualTo(400);
    }

    private DecisionDraft draft(int second) {
        return DecisionDraft.of(app, unique("subject")).receivedAt(T0.plusSeconds(second));
    }

    private JsonNode summary(String query) {
        Reply reply = officer().get("/v1/audit/summary?appId=" + app + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static Map<String, Long> groups(JsonNode summary) {
        Map<String, Long> groups = new LinkedHashMap<>();
        summary.get("groups")
                .forEach(g -> groups.put(g.get("key").toString(), g.get("count").asLong()));
        return groups;
    }
}
