package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.ALL_ZONES;
import static io.consentinel.decision.Fixtures.DEFAULT_POLICY;
import static io.consentinel.decision.Fixtures.ENGINE;
import static io.consentinel.decision.Fixtures.NOW;
import static io.consentinel.decision.Fixtures.OCCURRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.instancio.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** Privacy invariants of the engine under the default policy, over random events and consent histories. */
class DecisionProperties {

    private static final List<String> COUNTRIES = List.of("IN", "DE", "FR", "US", "CN", "RU", "BR");

    /** One sample: the event's type and country, the subject's consent record (if any) and a seed for its attributes. */
    record Input(
            String type,
            String country,
            boolean child,
            Map<String, ConsentHistories> histories,
            boolean hasRecord,
            long seed) {

        Scenario scenario() {
            return DecisionProperties.scenario(type, country, child, histories, hasRecord, seed);
        }
    }

    static Stream<Input> inputs(int count) {
        List<String> types = new ArrayList<>(DEFAULT_POLICY.eventTypes().keySet());
        types.add("unknown.type");
        return Samples.of(
                Instancio.of(Input.class)
                        .generate(field(Input::type), gen -> gen.oneOf(types))
                        .generate(field(Input::country), gen -> gen.oneOf(COUNTRIES))
                        .supply(
                                field(Input::histories),
                                random -> histories(random, List.copyOf(DEFAULT_POLICY.purposes())))
                        .supply(field(Input::seed), Samples::anyLong),
                count);
    }

    static Stream<Input> inputs400() {
        return inputs(400);
    }

    static Stream<Input> inputs300() {
        return inputs(300);
    }

    /** Up to one history for each purpose. */
    static Map<String, ConsentHistories> histories(Random random, List<String> purposes) {
        Map<String, ConsentHistories> histories = new LinkedHashMap<>();
        for (int i = random.intRange(0, purposes.size()); i > 0; i--) {
            histories.put(random.oneOf(purposes), random.oneOf(ConsentHistories.values()));
        }
        return histories;
    }

    /** The event, built from the type's field paths (each present or not) plus unclassified extras. */
    private static Scenario scenario(
            String type,
            String country,
            boolean child,
            Map<String, ConsentHistories> histories,
            boolean hasRecord,
            long seed) {
        RawValues raw = new RawValues(seed);
        ObjectNode attributes = Fixtures.JSON.createObjectNode();
        EventType eventType = DEFAULT_POLICY.eventType(type);
        java.util.Random coin = new java.util.Random(seed ^ 0x5DEECE66DL);
        if (eventType != null) {
            eventType.fields().forEach((path, category) -> {
                if (coin.nextInt(4) != 0) {
                    raw.place(attributes, FieldPath.parse(path).steps(), category);
                }
            });
        }
        raw.place(attributes, List.of("unlisted" + coin.nextInt(3)), null);
        raw.place(attributes, List.of("device", "unlisted"), null);
        EventInput event = new EventInput("e-1", "app", "u-1", type, OCCURRED, country, attributes);
        ConsentSnapshot consent = hasRecord ? ConsentHistories.snapshot(country, child, histories) : null;
        return new Scenario(event, consent, raw.placed(), histories, child && hasRecord, country);
    }

    private record Scenario(
            EventInput event,
            ConsentSnapshot consent,
            List<RawValues.Placed> placed,
            Map<String, ConsentHistories> histories,
            boolean child,
            String country) {

        boolean granted(String purpose) {
            ConsentHistories history = consent == null
                    ? ConsentHistories.MISSING
                    : histories.getOrDefault(purpose, ConsentHistories.MISSING);
            Jurisdiction jurisdiction = DEFAULT_POLICY.jurisdictionFor(country);
            boolean childForbidden =
                    child && jurisdiction.childForbiddenPurposes().contains(purpose);
            return history.grants() && !childForbidden;
        }

        Decision decide() {
            return ENGINE.decide(event, consent, DEFAULT_POLICY, ALL_ZONES, NOW);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs400")
    void rawValuesOfFieldsWithoutConsentNeverReachTheOutput(Input input) {
        Scenario scenario = input.scenario();

        Decision decision = scenario.decide();

        for (RawValues.Placed placed : scenario.placed()) {
            Category category = placed.category();
            boolean mayAppear = category != null
                    && (category.purpose() == null
                            || scenario.granted(category.purpose())
                            || category.withoutConsent() instanceof Operator.Keep);
            if (!mayAppear) {
                assertThat(RawValues.appearsIn(decision.storedAttributes(), placed.value()))
                        .as("raw %s of %s in stored attributes", placed.value(), category)
                        .isFalse();
                assertThat(RawValues.appearsIn(decision.fields(), placed.value()))
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("inputs400")
    void rejectedDecisionsStoreNothingAndStoredOnesHaveAZone(Input input) {
        Scenario scenario = input.scenario();
        String type = input.type();
        String purpose = DEFAULT_POLICY.hasEventType(type)
                ? DEFAULT_POLICY.eventType(type).purpose()
                : null;

        Decision decision = scenario.decide();

        if (decision.outcome() == Outcome.REJECTED) {
            assertThat(decision.storedAttributes()).isNull();
            assertThat(decision.reasons()).hasSize(1);
            assertThat(decision.fields()).hasSizeLessThanOrEqualTo(1);
        } else {
            assertThat(decision.storedAttributes()).isNotNull();
            assertThat(decision.zone()).isNotNull();
            assertThat(purpose == null || scenario.granted(purpose)).isTrue();
            assertThat(decision.outcome() == Outcome.ACCEPTED)
                    .isEqualTo(decision.fields().isEmpty());
        }
        if (purpose != null && !scenario.granted(purpose)) {
            assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        }
    }

    @ParameterizedTest
    @MethodSource("inputs300")
    void decisionsAreDeterministicAndLeaveTheInputAlone(Input input) {
        Scenario scenario = input.scenario();
        ObjectNode original = scenario.event().attributes().deepCopy();

        Decision first = scenario.decide();
        Decision second = scenario.decide();

        assertThat(second).isEqualTo(first);
        assertThat(scenario.event().attributes()).isEqualTo(original);
    }
}
