package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.instancio.Select.field;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.instancio.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Operators take anything a JSON event can carry without throwing. */
class OperatorProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NOISE = "0123456789abcdefABCDEF:.[]/@%#?-+ Zzt";
    private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    record Input(Operator.Transform operator, JsonNode value) {}

    static Stream<Input> inputs() {
        return Samples.of(
                Instancio.of(Input.class)
                        .supply(field(Input::operator), OperatorProperties::operator)
                        .supply(field(Input::value), random -> value(random, random.intRange(0, 3))),
                2000);
    }

    private static Operator.Transform operator(Random random) {
        return switch (random.intRange(0, 6)) {
            case 0 -> new Operator.Pseudonymise();
            case 1 -> new Operator.UrlDomain();
            case 2 -> new Operator.TruncateIp(random.intRange(0, 32), random.intRange(0, 128));
            case 3 -> new Operator.GeneraliseLocation(random.intRange(0, 10));
            case 4 -> new Operator.CoarsenTime(random.oneOf(Operator.CoarsenTime.TimeUnit.values()));
            case 5 -> new Operator.Mask(random.intRange(0, 1000));
            default ->
                new Operator.Bucket(
                        BigDecimal.valueOf(random.longRange(1, 1_000_000_000_000_000L), random.intRange(0, 10))
                                .min(Operator.Bucket.MAX_SIZE));
        };
    }

    /** A leaf, or (while depth remains) an array or object of up to three values. */
    private static JsonNode value(Random random, int depth) {
        if (depth == 0 || random.trueOrFalse()) {
            return leaf(random);
        }
        int size = random.intRange(0, 3);
        if (random.trueOrFalse()) {
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < size; i++) {
                array.add(value(random, depth - 1));
            }
            return array;
        }
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
            object.set(text(random, ALPHA, 4), value(random, depth - 1));
        }
        return object;
    }

    private static JsonNode leaf(Random random) {
        return switch (random.intRange(0, 8)) {
            case 0 -> NODES.stringNode(anyString(random, 60));
            case 1 -> NODES.stringNode(lookalike(random));
            case 2 -> NODES.numberNode((int) Samples.anyLong(random));
            case 3 -> NODES.numberNode(Samples.anyLong(random));
            case 4 -> NODES.numberNode(bigInteger(random, 30));
            case 5 -> NODES.numberNode(anyDouble(random));
            case 6 -> NODES.numberNode(Float.intBitsToFloat((int) Samples.anyLong(random)));
            case 7 -> NODES.numberNode(new BigDecimal(bigInteger(random, 40), (int) Samples.anyLong(random)));
            default ->
                random.oneOf(
                        NODES.nullNode(),
                        NODES.booleanNode(true),
                        NODES.booleanNode(false),
                        NODES.objectNode(),
                        NODES.arrayNode(),
                        NODES.binaryNode(new byte[] {1, 2, 3}));
        };
    }

    /** Doubles of every kind: special values, ordinary magnitudes, and raw bit patterns (subnormals, NaNs). */
    private static double anyDouble(Random random) {
        return switch (random.intRange(0, 2)) {
            case 0 ->
                random.oneOf(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        -0.0,
                        0.0,
                        Double.MIN_VALUE,
                        Double.MAX_VALUE);
            case 1 -> random.doubleRange(-1e12, 1e12);
            default -> Double.longBitsToDouble(Samples.anyLong(random));
        };
    }

    /** A whole number of up to {@code digits} digits, either sign. */
    private static BigInteger bigInteger(Random random, int digits) {
        BigInteger magnitude = new BigInteger(random.digits(random.intRange(1, digits)));
        return random.trueOrFalse() ? magnitude : magnitude.negate();
    }

    /** Any UTF-16 text, lone surrogates included. */
    private static String anyString(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.intRange(0, maxLength); i > 0; i--) {
            text.append((char) random.intRange(0, 0xFFFF));
        }
        return text.toString();
    }

    private static String text(Random random, String alphabet, int maxLength) {
        return random.stringOf(random.intRange(0, maxLength), alphabet.toCharArray());
    }

    /** Strings that almost parse, to exercise the operators' parsers and not only their type checks. */
    private static String lookalike(Random random) {
        String noise = text(random, NOISE, 50);
        return switch (random.intRange(0, 4)) {
            case 0 -> noise;
            case 1 -> "::ffff:" + noise;
            case 2 -> "http://" + noise;
            case 3 -> "2026-11-24T" + noise;
            default ->
                random.oneOf(
                        "1.2.3.4",
                        "::ffff:1.2.3.4",
                        "[::1]",
                        "http://[::1",
                        "https://@",
                        "https://a@b@c:1/x",
                        "2026-11-24T09:13:27+99:00",
                        "9999999-01-01T00:00:00Z",
                        "+999999999-12-31T23:59:59Z",
                        "\ud800",
                        "1:2:3:4:5:6:7:8",
                        "1::2::3",
                        "::ffff:255.255.255.256");
        };
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void operatorsNeverThrowOnAnyJsonValue(Input input) {
        assertThatCode(() -> input.operator().apply(input.value(), PSEUDONYMISER))
                .doesNotThrowAnyException();
    }
}
