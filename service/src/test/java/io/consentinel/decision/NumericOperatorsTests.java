package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.PSEUDONYMISER;
import static io.consentinel.decision.Fixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.JsonNodeFactory;

class NumericOperatorsTests {

    private static String generalised(int decimals, String json) {
        var out = new Operator.GeneraliseLocation(decimals).apply(value(json), PSEUDONYMISER);
        return out == null ? null : out.toString();
    }

    private static String bucketed(String size, String json) {
        var out = new Operator.Bucket(new BigDecimal(size)).apply(value(json), PSEUDONYMISER);
        return out == null ? null : out.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "1, 12.9716, 13.0",
        "1, 77.5946, 77.6",
        "1, -12.25, -12.3",
        "1, 12.25, 12.3",
        "2, 12.345, 12.35",
        "0, 77.5, 78.0",
        "1, 12, 12",
        "10, 1.23456789012345, 1.2345678901",
    })
    void generaliseLocationRoundsHalfUpToTheDecimals(int decimals, String in, String out) {
        assertThat(generalised(decimals, in)).isEqualTo(out);
    }

    @Test
    void generaliseLocationKeepsDecimalPrecisionForBigDecimals() {
        var decimal = JsonNodeFactory.instance.numberNode(new BigDecimal("12.97160000000000000001"));
        assertThat(new Operator.GeneraliseLocation(2)
                        .apply(decimal, PSEUDONYMISER)
                        .decimalValue())
                .isEqualByComparingTo("12.97");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'12.97'", "null", "true", "{'lat':1.5}", "[1.5]"})
    void generaliseLocationRefusesNonNumbers(String json) {
        assertThat(generalised(1, json)).isNull();
    }

    @Test
    void numbersWithAbsurdExponentsAreInvalidRatherThanSlow() {
        var tiny = JsonNodeFactory.instance.numberNode(new BigDecimal("1e-999999999"));
        var huge = JsonNodeFactory.instance.numberNode(new BigDecimal("1e999999999"));

        assertThat(new Operator.GeneraliseLocation(1).apply(tiny, PSEUDONYMISER))
                .isNull();
        assertThat(new Operator.Bucket(BigDecimal.TEN).apply(huge, PSEUDONYMISER))
                .isNull();
        assertThat(new Operator.Pseudonymise().apply(huge, PSEUDONYMISER)).isNull();
    }

    @Test
    void nonFiniteDoublesAreInvalid() {
        var nan = JsonNodeFactory.instance.numberNode(Double.NaN);
        var infinity = JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY);

        assertThat(new Operator.GeneraliseLocation(1).apply(nan, PSEUDONYMISER)).isNull();
        assertThat(new Operator.Bucket(BigDecimal.ONE).apply(infinity, PSEUDONYMISER))
                .isNull();
        assertThat(new Operator.Mask().apply(nan, PSEUDONYMISER)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "1000, 5300, 5000",
        "1000, 999, 0",
        "1000, -1, -1000",
        "1000, -1000, -1000",
        "10, 9223372036854775807, 9223372036854775800",
        "10, -9223372036854775808, -9223372036854775810",
        "0.5, 12.7, 12.5",
        "0.5, -0.1, -0.5",
        "1000, 5300.9, 5000.0",
        "2.5, 7, 5.0",
    })
    void bucketGivesTheLowerBoundOfTheBucket(String size, String in, String out) {
        assertThat(bucketed(size, in)).isEqualTo(out);
    }

    @Test
    void bucketStaysIntegralForIntegralInputs() {
        var out = new Operator.Bucket(new BigDecimal("1E+3")).apply(value("123456"), PSEUDONYMISER);
        assertThat(out.isIntegralNumber()).isTrue();
        assertThat(out.longValue()).isEqualTo(123000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'5300'", "null", "true", "{}", "[]"})
    void bucketRefusesNonNumbers(String json) {
        assertThat(bucketed("1000", json)).isNull();
    }

    @Test
    void bucketNeedsAPositiveSize() {
        assertThatThrownBy(() -> new Operator.Bucket(BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operator.Bucket(new BigDecimal("-5")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
