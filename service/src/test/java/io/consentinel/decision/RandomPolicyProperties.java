package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.ENGINE;
import static io.consentinel.decision.Fixtures.NOW;
import static io.consentinel.decision.Fixtures.OCCURRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.field;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The privacy invariants again, under random policies: random categories, operators and field maps. */
class RandomPolicyProperties {

    private static final List<String> PURPOSES = List.of("p0", "p1", "p2");
    // Paths that never lie inside one another, covering nesting and arrays of objects, scalars and arrays.
    private static final List<String> PATHS = List.of("a", "b.c", "b.d", "e[].f", "e[].g", "h[]", "i.j.k", "l[][]");

    record Input(Map<String, ConsentHistories> histories, boolean hasRecord, long seed) {}

    static Stream<Input> inputs() {
        return Samples.of(
                Instancio.of(Input.class)
                        .supply(field(Input::histories), random -> DecisionProperties.histories(random, PURPOSES))
                        .supply(field(Input::seed), Samples::anyLong),
                500);
    }

    /** Operators whose output differs from the raw values RawValues makes, except keep. */
    private static Operator operator(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new Operator.Keep();
            case 1 -> new Operator.Drop();
            case 2 -> new Operator.Reject();
            case 3 -> new Operator.Pseudonymise();
            case 4 -> new Operator.TruncateIp(random.nextInt(25), random.nextInt(65));
            case 5 -> new Operator.UrlDomain();
            case 6 -> new Operator.GeneraliseLocation(random.nextInt(5));
            case 7 ->
                new Operator.CoarsenTime(
                        random.nextBoolean() ? Operator.CoarsenTime.TimeUnit.HOUR : Operator.CoarsenTime.TimeUnit.DAY);
            case 8 -> new Operator.Mask(random.nextInt(9));
            default ->
                new Operator.Bucket(
                        List.of(new BigDecimal("0.5"), BigDecimal.ONE, BigDecimal.TEN, new BigDecimal("1000"))
                                .get(random.nextInt(4)));
        };
    }

    private static String maybePurpose(Random random) {
        int pick = random.nextInt(PURPOSES.size() + 1);
        return pick == PURPOSES.size() ? null : PURPOSES.get(pick);
    }

    private static Policy randomPolicy(Random random) {
        Map<String, Category> categories = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            String purpose = maybePurpose(random);
            categories.put("c" + i, new Category("c" + i, purpose, purpose == null ? null : operator(random)));
        }
        Map<String, Category> fields = new LinkedHashMap<>();
        for (String path : PATHS) {
            if (random.nextInt(3) != 0) {
                fields.put(path, categories.get("c" + random.nextInt(4)));
            }
        }
        EventType type = new EventType(maybePurpose(random), fields, null);
        Policy.UnclassifiedFields unclassified =
                random.nextInt(4) == 0 ? Policy.UnclassifiedFields.REJECT : Policy.UnclassifiedFields.DROP;
        return new Policy(
                "random",
                new LinkedHashSet<>(PURPOSES),
                categories,
                Map.of("t", type),
                unclassified,
                Policy.UnknownEventTypes.REJECT,
                Map.of("*", new Jurisdiction(List.of("global"), null, Set.of())),
                Map.of(),
                Set.of(),
                null);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void noRandomPolicyLetsARawValueWithoutConsentThrough(Input input) {
        Map<String, ConsentHistories> histories = input.histories();
        boolean hasRecord = input.hasRecord();
        long seed = input.seed();
        Random random = new Random(seed);
        Policy policy = randomPolicy(random);
        RawValues raw = new RawValues(seed);
        ObjectNode attributes = Fixtures.JSON.createObjectNode();
        for (String path : PATHS) {
            if (random.nextInt(4) != 0) {
                raw.place(
                        attributes,
                        FieldPath.parse(path).steps(),
                        policy.eventType("t").fields().get(path));
            }
        }
        ObjectNode original = attributes.deepCopy();
        EventInput event = new EventInput("e-1", "app", "u-1", "t", OCCURRED, "BR", attributes);
        ConsentSnapshot consent = hasRecord ? ConsentHistories.snapshot("BR", false, histories) : null;

        Decision decision = ENGINE.decide(event, consent, policy, Set.of("global"), NOW);

        for (RawValues.Placed placed : raw.placed()) {
            Category category = placed.category();
            boolean granted = category != null
                    && (category.purpose() == null
                            || (consent != null
                                    && histories
                                            .getOrDefault(category.purpose(), ConsentHistories.MISSING)
                                            .grants()));
            boolean mayAppear = granted || (category != null && category.withoutConsent() instanceof Operator.Keep);
            if (!mayAppear) {
                assertThat(RawValues.appearsIn(decision.storedAttributes(), placed.value()))
                        .as("raw %s under %s", placed.value(), category)
                        .isFalse();
                assertThat(RawValues.appearsIn(decision.fields(), placed.value()))
                        .isFalse();
            }
        }
        assertThat(decision.rejected()).isEqualTo(decision.storedAttributes() == null);
        assertThat(ENGINE.decide(event, consent, policy, Set.of("global"), NOW)).isEqualTo(decision);
        assertThat(attributes).isEqualTo(original);
    }
}
