package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Consent carried in a message narrows what the ledger grants and never widens it: whatever the
 * ledger, the event and the categories the message denies, no field is kept as it came that the
 * ledger alone would not keep, and no event is stored that the ledger alone would reject.
 */
class InBandConsentProperties {

    private static final List<String> TYPES =
            List.copyOf(DEFAULT_POLICY.eventTypes().keySet());
    private static final List<String> CATEGORIES =
            new ArrayList<>(DEFAULT_POLICY.inBandConsent().keySet());

    static {
        CATEGORIES.add("NotMapped");
    }

    static LongStream seeds() {
        return LongStream.range(0, 400).map(i -> 0x1BA4D_000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void inBandConsentNeverKeepsMoreThanTheLedgerAlone(long seed) {
        Random random = new Random(seed);
        String type = TYPES.get(random.nextInt(TYPES.size()));
        ObjectNode attributes = RandomEvents.attributes(DEFAULT_POLICY.eventType(type), random);
        ConsentSnapshot ledger = random.nextInt(5) == 0 ? grantedAll("IN") : RandomEvents.someGranted(random);
        Set<String> denied = new HashSet<>();
        for (String category : CATEGORIES) {
            if (random.nextInt(3) == 0) {
                denied.add(category);
            }
        }

        Decision ledgerOnly = decide(new EventInput("e", "a", "s", type, OCCURRED, "IN", attributes), ledger);
        Decision narrowed = decide(new EventInput("e", "a", "s", type, OCCURRED, "IN", attributes, denied), ledger);

        if (ledgerOnly.rejected()) {
            assertThat(narrowed.rejected()).as("seed %d", seed).isTrue();
            return;
        }
        if (narrowed.rejected()) {
            return; // storing nothing keeps nothing
        }
        Set<String> keptNarrowed = keptAsSent(attributes, narrowed.storedAttributes());
        Set<String> keptByLedger = keptAsSent(attributes, ledgerOnly.storedAttributes());
        assertThat(keptByLedger).as("seed %d, denied in band %s", seed, denied).containsAll(keptNarrowed);
        if (narrowed.outcome() == Outcome.ACCEPTED) {
            assertThat(ledgerOnly.outcome()).isEqualTo(Outcome.ACCEPTED);
        }
    }

    @Test
    void aPurposeDeniedInTheMessageIsNotGrantedWithItsOwnReason() {
        EventInput event = new EventInput(
                "e",
                "a",
                "s",
                "device.heartbeat",
                OCCURRED,
                "IN",
                json("{'device':{'advertisingId':'ad-1','model':'P9'},'batteryPct':80}"),
                Set.of("Advertising"));

        Decision decision = decide(event, grantedAll("IN"));

        assertThat(decision.storedAttributes()).isEqualTo(json("{'device':{'model':'P9'},'batteryPct':80}"));
        assertThat(decision.fields())
                .containsExactly(new FieldAction(
                        "device.advertisingId", "advertising.identifier", "drop", Reason.CONSENT_DENIED_IN_BAND));
    }

    @Test
    void theEventTypesOwnPurposeDeniedInBandRejectsTheEvent() {
        EventInput event = new EventInput(
                "e", "a", "s", "browsing.page_view", OCCURRED, "IN", json("{'durationMs':1}"), Set.of("C0002"));

        Decision decision = decide(event, grantedAll("IN"));

        assertThat(decision.rejected()).isTrue();
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_DENIED_IN_BAND);
    }

    @Test
    void aLedgerDenialKeepsItsOwnReasonAndAGrantInTheMessageCountsForNothing() {
        ConsentSnapshot noAdvertising =
                consent("IN").grantedAllBut("advertising").build();
        EventInput event = new EventInput(
                "e",
                "a",
                "s",
                "device.heartbeat",
                OCCURRED,
                "IN",
                json("{'device':{'advertisingId':'ad-1'}}"),
                Set.of("Advertising"));

        Decision decision = decide(event, noAdvertising);

        assertThat(decision.fields()).extracting(FieldAction::reason).containsExactly(Reason.CONSENT_MISSING);
    }

    /** Leaf paths whose stored value is exactly what was sent. */
    private static Set<String> keptAsSent(ObjectNode sent, ObjectNode stored) {
        Map<String, JsonNode> in = RandomEvents.leaves(sent);
        Set<String> kept = new HashSet<>();
        RandomEvents.leaves(stored).forEach((path, value) -> {
            if (value.equals(in.get(path))) {
                kept.add(path);
            }
        });
        return kept;
    }
}
