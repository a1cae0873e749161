package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Operators take anything a JSON event can carry without throwing. */
class OperatorProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Provide
    Arbitrary<Operator.Transform> operators() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Operator.Pseudonymise()),
                Arbitraries.just(new Operator.UrlDomain()),
                Combinators.combine(Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 128))
                        .as(Operator.TruncateIp::new),
                Arbitraries.integers().between(0, 10).map(Operator.GeneraliseLocation::new),
                Arbitraries.of(Operator.CoarsenTime.TimeUnit.class).map(Operator.CoarsenTime::new),
                Arbitraries.integers().between(0, 1000).map(Operator.Mask::new),
                Combinators.combine(Arbitraries.longs().between(1, 1_000_000_000_000_000L), Arbitraries.integers().between(0, 10))
                        .as((unscaled, scale) -> new Operator.Bucket(BigDecimal.valueOf(unscaled, scale).min(Operator.Bucket.MAX_SIZE))));
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return Arbitraries.recursive(this::leaves, this::containers, 0, 3);
    }

    private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(list -> NODES.arrayNode().addAll(list)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), inner).ofMaxSize(3)
                        .map(map -> (JsonNode) NODES.objectNode().setAll(map)));
    }

    private Arbitrary<JsonNode> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60).map(NODES::stringNode),
                lookalikes().map(NODES::stringNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                        .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0).map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.floats().map(f -> (JsonNode) NODES.numberNode(f)),
                Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                                Arbitraries.integers())
                        .as((unscaled, scale) -> NODES.numberNode(new BigDecimal(unscaled, scale))),
                Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false), NODES.objectNode(),
                        NODES.arrayNode(), NODES.binaryNode(new byte[] {1, 2, 3})));
    }

    /** Strings that almost parse, to exercise the operators' parsers and not only their type checks. */
    private Arbitrary<String> lookalikes() {
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789abcdefABCDEF:.[]/@%#?-+ Zzt").ofMaxLength(50);
        return Arbitraries.oneOf(
                noise,
                noise.map(s -> "::ffff:" + s),
                noise.map(s -> "http://" + s),
                noise.map(s -> "2026-11-24T" + s),
                Arbitraries.of("1.2.3.4", "::ffff:1.2.3.4", "[::1]", "http://[::1", "https://@", "https://a@b@c:1/x",
                        "2026-11-24T09:13:27+99:00", "9999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "\ud800",
                        "1:2:3:4:5:6:7:8", "1::2::3", "::ffff:255.255.255.256"));
    }

    @Property(tries = 2000)
    void operatorsNeverThrowOnAnyJsonValue(@ForAll("operators") Operator.Transform operator, @ForAll("values") JsonNode value) {
        assertThatCode(() -> operator.apply(value, PSEUDONYMISER)).doesNotThrowAnyException();
    }
}
