package io.consentinel.decision;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * What happens to a field whose category's purpose is not granted. A closed set: the policy names
 * one of these and nothing else. {@link #wireName()} is the name used in policies and decisions.
 */
public sealed interface Operator {

    String wireName();

    /** An operator that rewrites a value. */
    sealed interface Transform extends Operator {

        /**
         * Returns the rewritten value, or null when this operator cannot handle the value (wrong
         * type, unparsable): the engine then drops the field with {@link Reason#INVALID_VALUE}.
         * Never throws for any JSON value.
         */
        JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser);
    }

    /** The field is stored unchanged. */
    record Keep() implements Operator {
        @Override
        public String wireName() {
            return "keep";
        }
    }

    /** The field is removed. */
    record Drop() implements Operator {
        @Override
        public String wireName() {
            return "drop";
        }
    }

    /** The whole event is rejected. */
    record Reject() implements Operator {
        @Override
        public String wireName() {
            return "reject";
        }
    }

    /** A string or number becomes its keyed pseudonym. */
    record Pseudonymise() implements Transform {
        @Override
        public String wireName() {
            return "pseudonymise";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            String text = value.isString() ? value.stringValue() : NumberValues.canonicalText(value);
            return text == null ? null : Nodes.string(pseudonymiser.pseudonymise(text));
        }
    }

    /** An IP address literal keeps only its network prefix. */
    record TruncateIp(int ipv4Prefix, int ipv6Prefix) implements Transform {
        public static final int DEFAULT_IPV4_PREFIX = 24;
        public static final int DEFAULT_IPV6_PREFIX = 48;

        public TruncateIp {
            requireRange("ipv4Prefix", ipv4Prefix, 0, 32);
            requireRange("ipv6Prefix", ipv6Prefix, 0, 128);
        }

        public TruncateIp() {
            this(DEFAULT_IPV4_PREFIX, DEFAULT_IPV6_PREFIX);
        }

        @Override
        public String wireName() {
            return "truncate_ip";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            String truncated =
                    value.isString() ? IpTruncation.truncate(value.stringValue(), ipv4Prefix, ipv6Prefix) : null;
            return truncated == null ? null : Nodes.string(truncated);
        }
    }

    /** A URL keeps only {@code scheme://host}. */
    record UrlDomain() implements Transform {
        @Override
        public String wireName() {
            return "url_domain";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            String origin = value.isString() ? UrlOrigin.of(value.stringValue()) : null;
            return origin == null ? null : Nodes.string(origin);
        }
    }

    /** A coordinate is rounded to {@code decimals} places (HALF_UP). */
    record GeneraliseLocation(int decimals) implements Transform {
        public static final int DEFAULT_DECIMALS = 1;

        public GeneraliseLocation {
            requireRange("decimals", decimals, 0, 10);
        }

        public GeneraliseLocation() {
            this(DEFAULT_DECIMALS);
        }

        @Override
        public String wireName() {
            return "generalise_location";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            return NumberValues.round(value, decimals);
        }
    }

    /** An RFC 3339 time becomes UTC, truncated to the hour or the day. */
    record CoarsenTime(TimeUnit unit) implements Transform {

        /** The unit a time is truncated to. */
        public enum TimeUnit {
            HOUR,
            DAY;

            public String wireName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public CoarsenTime {
            Objects.requireNonNull(unit, "unit");
        }

        public CoarsenTime() {
            this(TimeUnit.HOUR);
        }

        @Override
        public String wireName() {
            return "coarsen_time";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            String coarse = value.isString() ? TimeCoarsening.truncate(value.stringValue(), unit) : null;
            return coarse == null ? null : Nodes.string(coarse);
        }
    }

    /**
     * Every code point but the last {@code keepLast} becomes {@code *}. A value no longer than
     * {@code keepLast} is masked whole: a mask that hides nothing would store the raw value.
     */
    record Mask(int keepLast) implements Transform {
        public static final int DEFAULT_KEEP_LAST = 4;

        public Mask {
            requireRange("keepLast", keepLast, 0, Integer.MAX_VALUE);
        }

        public Mask() {
            this(DEFAULT_KEEP_LAST);
        }

        @Override
        public String wireName() {
            return "mask";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            String text = value.isString() ? value.stringValue() : NumberValues.canonicalText(value);
            return text == null ? null : Nodes.string(masked(text, keepLast));
        }

        private static String masked(String text, int keepLast) {
            int codePoints = text.codePointCount(0, text.length());
            int hidden = codePoints > keepLast ? codePoints - keepLast : codePoints;
            int keptFrom = text.offsetByCodePoints(0, hidden);
            StringBuilder out = new StringBuilder(hidden + text.length() - keptFrom);
            out.repeat('*', hidden);
            return out.append(text, keptFrom, text.length()).toString();
        }
    }

    /** A number becomes the lower bound of its bucket of width {@code size}. */
    record Bucket(BigDecimal size) implements Transform {
        // Wider than any count or duration, finer than any measurement: beyond these it is a typo,
        // and an extreme size would make the division itself expensive.
        public static final BigDecimal MAX_SIZE = new BigDecimal("1e15");
        public static final int MAX_DECIMALS = 10;

        public Bucket {
            Objects.requireNonNull(size, "size");
            if (size.signum() <= 0
                    || size.compareTo(MAX_SIZE) > 0
                    || size.stripTrailingZeros().scale() > MAX_DECIMALS) {
                throw new IllegalArgumentException("bucket size must be greater than 0, at most 1e15, with at most "
                        + MAX_DECIMALS + " decimal places");
            }
        }

        @Override
        public String wireName() {
            return "bucket";
        }

        @Override
        public JsonNode apply(JsonNode value, Pseudonymiser pseudonymiser) {
            return NumberValues.bucket(value, size);
        }
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
    }
}
