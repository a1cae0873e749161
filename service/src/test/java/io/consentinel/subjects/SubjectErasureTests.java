package io.consentinel.subjects;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.ChainCheck;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class SubjectErasureTests extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    @Autowired
    JdbcClient control;

    @Test
    void erasureDeletesEventsAndPseudonymisesDecisionsAndLedgerInEveryStore() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);

        Reply reply = api().delete("/v1/subjects/" + subject);

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        JsonNode erased = reply.json();
        assertThat(erased.propertyNames())
                .containsExactlyInAnyOrder("subjectId", "zones", "consentRecordsPseudonymised");
        String pseudonym = erased.get("subjectId").asString();
        assertThat(pseudonym).startsWith("ps:k1:").isEqualTo(subjectRefIn("eu", pseudonym));
        assertCounts(erased.get("zones"), "in", 2, 2);
        assertCounts(erased.get("zones"), "eu", 1, 1);
        assertCounts(erased.get("zones"), "control", 0, 1);
        assertThat(erased.get("consentRecordsPseudonymised").asInt()).isEqualTo(2);

        assertThat(api().get("/v1/subjects/" + subject + "/report").status()).isEqualTo(404);
        JsonNode report = api().get("/v1/subjects/" + pseudonym + "/report").json();
        assertThat(report.get("decisions").size()).isEqualTo(4);
        assertThat(report.get("events").isEmpty()).isTrue();
        assertThat(report.get("consent").get("records").size()).isEqualTo(2);
        assertThat(api().get("/v1/subjects/" + pseudonym + "/consents")
                        .json()
                        .get("jurisdiction")
                        .asString())
                .isEqualTo("DE");
    }

    @Test
    void secondErasureIsANoOpWithZeroCounts() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);
        String pseudonym =
                api().delete("/v1/subjects/" + subject).json().get("subjectId").asString();

        Reply again = api().delete("/v1/subjects/" + subject);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("subjectId").asString()).isEqualTo(pseudonym);
        for (String store : List.of("in", "eu", "control")) {
            assertCounts(again.json().get("zones"), store, 0, 0);
        }
        assertThat(again.json().get("consentRecordsPseudonymised").asInt()).isZero();
        assertThat(api().get("/v1/subjects/" + pseudonym + "/report")
                        .json()
                        .get("decisions")
                        .size())
                .isEqualTo(4);
    }

    @Test
    void erasingByTheReceiptsPseudonymIsRefused() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);
        String pseudonym =
                api().delete("/v1/subjects/" + subject).json().get("subjectId").asString();

        Reply reply = api().delete("/v1/subjects/" + pseudonym);

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/v1/subjects/" + pseudonym + "/report")
                        .json()
                        .get("decisions")
                        .size())
                .isEqualTo(4);
    }

    @Test
    void theServicesIntegrityCheckAndTheLogBothHoldAfterAnErasureThroughTheApi() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);
        String pseudonym =
                api().delete("/v1/subjects/" + subject).json().get("subjectId").asString();

        for (ZoneStore store : stores.all()) {
            long rewritten = store.jdbc()
                    .sql("select count(*) from decisions where subject_id = ?")
                    .param(pseudonym)
                    .query(Long.class)
                    .single();
            assertThat(rewritten)
                    .as("decisions rewritten by the erasure in %s", store.name())
                    .isPositive();
            long decisions = store.jdbc()
                    .sql("select count(*) from decisions")
                    .query(Long.class)
                    .single();

            // The check the API serves (zones.StoreIntegrity), then the log recomputed from its entries.
            Reply integrity = api().get("/v1/audit/integrity?zone=" + store.name());

            assertThat(integrity.status()).isEqualTo(200);
            assertThat(integrity.json().get("valid").asBoolean())
                    .as("chain of %s", store.name())
                    .isTrue();
            assertThat(integrity.json().get("checked").asLong()).isGreaterThanOrEqualTo(decisions);
            assertThat(integrity.json().get("firstInvalidSequence").isNull()).isTrue();
            ChainCheck.verify(store);
        }
    }

    @Test
    void nothingRawOfTheSubjectRemainsInAnyStore() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);

        api().delete("/v1/subjects/" + subject);

        for (ZoneStore store : stores.all()) {
            for (String table : List.of("events", "decisions")) {
                assertThat(rowsMentioning(store.jdbc(), table, subject))
                        .as("%s.%s", store.name(), table)
                        .isZero();
            }
        }
        for (String table : List.of("consent_records", "consent_record_purposes", "change_log", "erasures")) {
            assertThat(rowsMentioning(control, table, subject))
                    .as("control %s", table)
                    .isZero();
        }
    }

    @Test
    void erasureIsRecordedByPseudonymWithWhoAndCounts() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).spreadAcrossStores(subject);

        String pseudonym =
                api().delete("/v1/subjects/" + subject).json().get("subjectId").asString();

        var recorded = control.sql("""
                        select erased_by, erased_at is not null as dated,
                               (counts -> 'zones' -> 'in' ->> 'eventsDeleted')::int as in_events,
                               (counts ->> 'consentRecordsPseudonymised')::int as records
                        from erasures where subject_pseudonym = ?""").param(pseudonym).query().singleRow();
        assertThat(recorded)
                .containsEntry("erased_by", "bootstrap")
                .containsEntry("dated", true)
                .containsEntry("in_events", 2)
                .containsEntry("records", 2);
    }

    @Test
    void erasedConsentNoLongerAppliesToTheSubjectsNextEvent() {
        String subject = Api.unique("u");
        SubjectFixtures telemetry = new SubjectFixtures(api());
        telemetry.spreadAcrossStores(subject);

        api().delete("/v1/subjects/" + subject);

        JsonNode next = telemetry.pageView(subject, null);
        assertThat(next.get("outcome").asString()).isEqualTo("rejected");
        assertThat(next.get("reasons").get(0).asString()).isEqualTo("JURISDICTION_UNKNOWN");
    }

    @Test
    void erasureRequiresTheAdminRole() {
        String subject = Api.unique("u");
        new SubjectFixtures(api()).pageView(subject, "IN");

        for (String key : List.of(api().issueKey("officer", null), api().issueKey("app", Api.unique("app")))) {
            Reply reply = api().as(key).delete("/v1/subjects/" + subject);
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        assertThat(api().get("/v1/subjects/" + subject + "/report")
                        .json()
                        .get("decisions")
                        .size())
                .isEqualTo(1);
    }

    private static void assertCounts(JsonNode zones, String store, int events, int decisions) {
        assertThat(zones.get(store).get("eventsDeleted").asInt())
                .as("%s events", store)
                .isEqualTo(events);
        assertThat(zones.get(store).get("decisionsPseudonymised").asInt())
                .as("%s decisions", store)
                .isEqualTo(decisions);
    }

    private String subjectRefIn(String zone, String subjectId) {
        return stores.byName(zone)
                .orElseThrow()
                .jdbc()
                .sql("select distinct subject_ref from decisions where subject_id = ?")
                .param(subjectId)
                .query(String.class)
                .single();
    }

    /** Rows whose text, every column included, contains the value anywhere. */
    private static long rowsMentioning(JdbcClient jdbc, String table, String value) {
        return jdbc.sql("select count(*) from " + table + " t where strpos(t::text, ?) > 0")
                .param(value)
                .query(Long.class)
                .single();
    }
}
