package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.StoreIntegrity;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Tampering behind the service's back, through SQL. Each test breaks the shared {@code in} chain and puts
 * it right again before it ends, so other tests always find a valid chain.
 */
class ChainIntegrityTests extends AuditTest {

    @Autowired
    private ZoneStores stores;

    @Test
    void anIntactChainIsValid() {
        decisions().append("in", drafts(3));
        JsonNode report = integrity("in");
        assertThat(report.get("zone").asString()).isEqualTo("in");
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("checked").asLong()).isEqualTo(headOf("in"));
        assertThat(report.get("firstInvalidSequence").isNull()).isTrue();
        assertThat(integrity("control").get("valid").asBoolean()).isTrue();
    }

    @Test
    void aRowAlteredThroughSqlIsReportedAtItsSequence() {
        DecisionRecord altered = decisions().append("in", drafts(3)).get(1);
        sql("update decisions set outcome = 'accepted', reasons = '{}' where sequence = ?", altered.sequence());
        try {
            assertInvalidAt(integrity("in"), altered.sequence(), "hash-mismatch");
        } finally {
            sql(
                    "update decisions set outcome = ?, reasons = ? where sequence = ?",
                    altered.outcome(),
                    altered.reasons().toArray(String[]::new),
                    altered.sequence());
        }
        assertThat(integrity("in").get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedRowIsReportedAsTheFirstMissingSequence() {
        DecisionRecord deleted = decisions().append("in", drafts(3)).get(1);
        sql("delete from decisions where sequence = ?", deleted.sequence());
        try {
            assertInvalidAt(integrity("in"), deleted.sequence(), "missing-row");
        } finally {
            decisions().restore("in", deleted);
        }
        assertThat(integrity("in").get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedTailIsReportedAfterTheLastRemainingRow() {
        List<DecisionRecord> tail = decisions().append("in", drafts(2));
        sql("delete from decisions where sequence >= ?", tail.get(0).sequence());
        try {
            assertInvalidAt(integrity("in"), tail.get(0).sequence(), "missing-tail");
        } finally {
            tail.forEach(row -> decisions().restore("in", row));
        }
        assertThat(integrity("in").get("valid").asBoolean()).isTrue();
    }

    @Test
    void aDeletedTailWithTheHeadRewoundIsStillReported() {
        DecisionRecord last = decisions().append("in", drafts(2)).get(1);
        sql("delete from decisions where sequence = ?", last.sequence());
        sql("update chain_head set last_sequence = last_sequence - 1");
        try {
            assertInvalidAt(integrity("in"), last.sequence(), "head-mismatch");
        } finally {
            decisions().restore("in", last);
            sql("update chain_head set last_sequence = ?", last.sequence());
        }
        assertThat(integrity("in").get("valid").asBoolean()).isTrue();
    }

    @Test
    void aSwappedSubjectIdIsReportedWhenSubjectPseudonymsAreKnown() {
        StoreIntegrity verifier = new StoreIntegrity(decisions().pseudonyms());
        DecisionRecord swapped = decisions().append("in", drafts(2)).get(1);
        sql("update decisions set subject_id = ? where sequence = ?", unique("someone-else"), swapped.sequence());
        try {
            StoreIntegrity.Report report = verifier.verify(decisions().store("in"));
            assertThat(report.valid()).isFalse();
            assertThat(report.firstInvalidSequence()).isEqualTo(swapped.sequence());
            assertThat(report.problem()).isEqualTo("subject-mismatch");
        } finally {
            sql("update decisions set subject_id = ? where sequence = ?", swapped.subjectId(), swapped.sequence());
        }
        assertThat(verifier.verify(decisions().store("in")).valid()).isTrue();
    }

    @Test
    void refsMadeUnderARetiredKeyAreCoveredByTheChainAlone() {
        SubjectPseudonyms retiredKey = subjectId -> "ps:retired:" + Integer.toHexString(subjectId.hashCode());
        new ChainedDecisions(stores, retiredKey).append("in", drafts(2));

        assertThat(new StoreIntegrity(decisions().pseudonyms())
                        .verify(decisions().store("in"))
                        .valid())
                .isTrue();
    }

    @Test
    void anErasedSubjectStillVerifies() {
        DecisionRecord erased = decisions().append("in", drafts(1)).getFirst();
        sql("update decisions set subject_id = subject_ref where sequence = ?", erased.sequence());
        assertThat(integrity("in").get("valid").asBoolean()).isTrue();
        assertThat(new StoreIntegrity(decisions().pseudonyms())
                        .verify(decisions().store("in"))
                        .valid())
                .isTrue();
    }

    @Test
    void theZoneIsRequiredAndMustBeAStore() {
        Reply missing = officer().get("/v1/audit/integrity");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(texts(missing.json().get("errors"), "pointer")).containsExactly("/zone");
        Reply unknown = officer().get("/v1/audit/integrity?zone=mars");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private List<DecisionDraft> drafts(int count) {
        String app = unique("integrity");
        return IntStream.range(0, count)
                .mapToObj(i -> DecisionDraft.of(app, unique("subject"))
                        .outcome("rejected")
                        .reasons("CONSENT_MISSING"))
                .toList();
    }

    private JsonNode integrity(String zone) {
        Reply reply = officer().get("/v1/audit/integrity?zone=" + zone);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static void assertInvalidAt(JsonNode report, long sequence, String problem) {
        assertThat(report.get("valid").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.get("firstInvalidSequence").asLong())
                .as(report.toString())
                .isEqualTo(sequence);
        assertThat(report.get("problem").asString()).isEqualTo(problem);
    }

    private long headOf(String zone) {
        return store(zone)
                .jdbc()
                .sql("select last_sequence from chain_head")
                .query(Long.class)
                .single();
    }

    private void sql(String statement, Object... params) {
        store("in").jdbc().sql(statement).params(params).update();
    }

    private ZoneStore store(String name) {
        return decisions().store(name);
    }
}
