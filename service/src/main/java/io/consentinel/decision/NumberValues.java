package io.consentinel.decision;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;

/**
 * Number handling shared by the numeric operators. Every method returns null for a value it
 * cannot handle instead of throwing, and refuses decimals with absurd exponents: {@code 1e-999999999}
 * is a valid JSON number whose rescaling would take minutes and gigabytes.
 */
final class NumberValues {

    // Far beyond any coordinate, count or duration, yet small enough that rescaling stays cheap.
    private static final int MAX_EXPONENT = 400;
    // Up to this many digits a number's canonical text is plain (5300, 0.000001), beyond it scientific.
    private static final int MAX_PLAIN_DIGITS = 40;

    private NumberValues() {}

    /** A number's canonical text, so that 5300 and 5300.0 pseudonymise alike; null for a non-number. */
    static String canonicalText(JsonNode value) {
        if (!value.isNumber()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong()
                    ? Long.toString(value.longValue())
                    : value.bigIntegerValue().toString();
        }
        BigDecimal decimal = decimal(value);
        return decimal == null ? null : canonicalText(decimal);
    }

    private static String canonicalText(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        int scale = stripped.scale();
        int integerDigits = stripped.precision() - scale;
        boolean plain = scale <= 0 ? integerDigits <= MAX_PLAIN_DIGITS : scale <= MAX_PLAIN_DIGITS;
        return plain ? stripped.toPlainString() : stripped.toString();
    }

    /** The value as a decimal, or null when it is not a finite number of sane magnitude. */
    static BigDecimal decimal(JsonNode value) {
        if (!value.isNumber()) {
            return null;
        }
        if (value.isDouble() || value.isFloat()) {
            double d = value.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong()
                    ? BigDecimal.valueOf(value.longValue())
                    : sane(new BigDecimal(value.bigIntegerValue()));
        }
        return sane(value.decimalValue());
    }

    private static BigDecimal sane(BigDecimal decimal) {
        int exponent = decimal.precision() - decimal.scale();
        boolean sane = Math.abs(decimal.scale()) <= MAX_EXPONENT && Math.abs(exponent) <= MAX_EXPONENT;
        return sane ? decimal : null;
    }

    /** Rounds HALF_UP to {@code decimals} places; integers are already round and come back as they are. */
    static JsonNode round(JsonNode value, int decimals) {
        if (value.isIntegralNumber()) {
            return value;
        }
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        BigDecimal rounded = decimal.setScale(decimals, RoundingMode.HALF_UP);
        return value.isBigDecimal()
                ? Nodes.FACTORY.numberNode(rounded)
                : Nodes.FACTORY.numberNode(rounded.doubleValue());
    }

    /** floor(value / size) * size; integral when both are integral, a double when the value was one. */
    static JsonNode bucket(JsonNode value, BigDecimal size) {
        if (!value.isNumber()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && isLong(size)) {
            JsonNode fast = longBucket(value.longValue(), size.longValueExact());
            if (fast != null) {
                return fast;
            }
        }
        BigDecimal decimal = decimal(value);
        if (decimal == null) {
            return null;
        }
        BigDecimal lower = decimal.divide(size, 0, RoundingMode.FLOOR).multiply(size);
        if (value.isIntegralNumber() && isIntegral(size)) {
            BigInteger integral = lower.toBigIntegerExact();
            return Nodes.FACTORY.numberNode(integral);
        }
        if (value.isDouble() || value.isFloat()) {
            return Nodes.FACTORY.numberNode(lower.doubleValue());
        }
        return Nodes.FACTORY.numberNode(lower);
    }

    private static JsonNode longBucket(long value, long size) {
        try {
            return Nodes.FACTORY.numberNode(Math.multiplyExact(Math.floorDiv(value, size), size));
        } catch (ArithmeticException overflow) {
            return null; // near Long.MIN_VALUE: the BigDecimal path handles it
        }
    }

    private static boolean isIntegral(BigDecimal decimal) {
        return decimal.signum() == 0
                || decimal.scale() <= 0
                || decimal.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isLong(BigDecimal decimal) {
        return isIntegral(decimal) && decimal.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
