package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.consentinel.decision.ConsentSnapshot;
import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How one app's view is merged from its own records and the vendor-wide ones. */
class SubjectLedgerTests {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void anAppSeesItsOwnAndVendorWideRecordsOnly() {
        SubjectLedger ledger = new SubjectLedger(List.of(
                entry("r1", null, "IN", null, 0, Map.of("analytics", true)),
                entry("r2", "a", "IN", null, 1, Map.of("personalisation", true)),
                entry("r3", "b", "DE", true, 2, Map.of("analytics", false))));

        ConsentSnapshot a = ledger.viewOf("a");

        assertThat(a.jurisdiction()).isEqualTo("IN");
        assertThat(a.child()).isFalse();
        assertThat(a.purposes().get("analytics"))
                .extracting(ConsentChange::recordId)
                .containsExactly("r1");
        assertThat(a.purposes()).containsKey("personalisation");
        ConsentSnapshot b = ledger.viewOf("b");
        assertThat(b.jurisdiction()).isEqualTo("DE");
        assertThat(b.child()).isTrue();
        assertThat(b.purposes().get("analytics"))
                .extracting(ConsentChange::recordId)
                .containsExactly("r1", "r3");
        assertThat(b.purposes()).doesNotContainKey("personalisation");
    }

    @Test
    void theLatestCountingRecordDecidesJurisdictionAndTheLatestStatedFlagDecidesChild() {
        SubjectLedger ledger = new SubjectLedger(List.of(
                entry("r1", "a", "IN", true, 0, Map.of("analytics", true)),
                entry("r2", null, "DE", null, 1, Map.of()),
                entry("r3", "b", "US", false, 2, Map.of())));

        ConsentSnapshot a = ledger.viewOf("a");

        assertThat(a.jurisdiction()).isEqualTo("DE");
        assertThat(a.child()).as("r2 states no flag, r3 is not a's").isTrue();
    }

    @Test
    void noCountingRecordIsNoSnapshotAndTheMemoServesTheRightApp() {
        SubjectLedger ledger = new SubjectLedger(List.of(entry("r1", "b", "DE", null, 0, Map.of("analytics", true))));

        assertThat(ledger.viewOf("a")).isNull();
        assertThat(ledger.viewOf("b")).isNotNull();
        assertThat(ledger.viewOf("a")).isNull();
        assertThat(SubjectLedger.EMPTY.viewOf("a")).isNull();
    }

    @Test
    void aLedgerWithoutScopedRecordsIsFoldedOnceForEveryApp() {
        SubjectLedger vendorWide = new SubjectLedger(List.of(
                entry("r1", null, "IN", null, 0, Map.of("analytics", true)),
                entry("r2", null, "IN", null, 1, Map.of("analytics", false))));
        SubjectLedger scoped = new SubjectLedger(List.of(
                entry("r1", null, "IN", null, 0, Map.of("analytics", true)),
                entry("r2", "b", "IN", null, 1, Map.of("analytics", false))));

        assertThat(vendorWide.viewOf("b")).isSameAs(vendorWide.viewOf("a")).isSameAs(vendorWide.viewOf("c"));
        assertThat(vendorWide.viewOf("c").purposes().get("analytics"))
                .extracting(ConsentChange::recordId)
                .containsExactly("r1", "r2");
        assertThat(scoped.viewOf("a").purposes().get("analytics"))
                .extracting(ConsentChange::recordId)
                .containsExactly("r1");
        assertThat(scoped.viewOf("b").purposes().get("analytics"))
                .extracting(ConsentChange::recordId)
                .containsExactly("r1", "r2");
        assertThat(scoped.viewOf("a").purposes().get("analytics")).hasSize(1);
    }

    @Test
    void storedRecordsBecomeOneLedgerPerSubjectWithTheirStatusesScopesAndOrder() {
        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        UUID r3 = UUID.randomUUID();
        Map<String, SubjectLedger> ledgers = SubjectLedger.fromRecords(Map.of(
                "s1",
                List.of(
                        stored(r1, null, "IN", null, 0, Map.of("analytics", "granted", "advertising", "denied")),
                        stored(r2, "b", "DE", true, 1, Map.of("analytics", "denied"))),
                "s2",
                List.of(stored(r3, "a", "IN", false, 0, Map.of()))));

        assertThat(ledgers).containsOnlyKeys("s1", "s2");
        ConsentSnapshot a = ledgers.get("s1").viewOf("a");
        assertThat(a.jurisdiction()).isEqualTo("IN");
        assertThat(a.purposes().get("analytics"))
                .extracting(ConsentChange::recordId, ConsentChange::granted)
                .containsExactly(tuple(r1.toString(), true));
        assertThat(a.purposes().get("advertising"))
                .extracting(ConsentChange::granted)
                .containsExactly(false);
        ConsentSnapshot b = ledgers.get("s1").viewOf("b");
        assertThat(b.jurisdiction()).isEqualTo("DE");
        assertThat(b.child()).isTrue();
        assertThat(b.purposes().get("analytics"))
                .extracting(ConsentChange::recordId, ConsentChange::granted)
                .containsExactly(tuple(r1.toString(), true), tuple(r2.toString(), false));
        assertThat(ledgers.get("s2").viewOf("b"))
                .as("a's record does not count for b")
                .isNull();
        assertThat(ledgers.get("s2").viewOf("a").purposes()).isEmpty();
    }

    private static StoredRecord stored(
            UUID id, String scope, String jurisdiction, Boolean child, int minutes, Map<String, String> purposes) {
        return new StoredRecord(
                id, scope, jurisdiction, child, T.plusSeconds(60L * minutes), null, "notice-1", purposes);
    }

    private static SubjectLedger.Entry entry(
            String id, String scope, String jurisdiction, Boolean child, int minutes, Map<String, Boolean> purposes) {
        return new SubjectLedger.Entry(id, scope, jurisdiction, child, T.plusSeconds(60L * minutes), null, purposes);
    }
}
