package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.Operator.CoarsenTime.TimeUnit;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written RFC 3339 fast path agrees with java.time on every input, valid or nearly so. */
class TimeCoarseningProperties {

    @Provide
    Arbitrary<String> times() {
        Arbitrary<String> valid = Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(seconds -> Arbitraries.integers().between(-18 * 4, 18 * 4)
                        .flatMap(quarterHours -> Arbitraries.of("yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
                                        "yyyy-MM-dd't'HH:mm:ss.SSSSSSSSSxxx", "yyyy-MM-dd'T'HH:mm:ss.Sxxx", "yyyy-MM-dd'T'HH:mmXXX")
                                .map(pattern -> OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, 123_456_789),
                                                ZoneOffset.ofTotalSeconds(quarterHours * 900))
                                        .format(DateTimeFormatter.ofPattern(pattern)))));
        Arbitrary<String> mutated = valid.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1)
                .flatMap(at -> Arbitraries.chars().with("0123456789:-+.TtZz x").map(c ->
                        text.substring(0, at) + c + text.substring(at + 1))));
        Arbitrary<String> edges = Arbitraries.of("2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "0000-01-01T00:30:00+01:00",
                "9999-12-31T23:59:59-18:00", "2026-11-24T09:13:27+18:01", "2026-11-24T09:13:27-00:00",
                "2026-11-24T24:00:00Z", "2026-11-24T09:13:60Z", "2026-11-24T09:13:27.1234567890Z", "2026-11-24T09:13:27.Z");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, valid), net.jqwik.api.Tuple.of(4, mutated), net.jqwik.api.Tuple.of(1, edges));
    }

    @Property(tries = 3000)
    void fastPathAgreesWithJavaTime(@ForAll("times") String text, @ForAll TimeUnit unit) {
        assertThat(TimeCoarsening.truncate(text, unit)).isEqualTo(TimeCoarsening.slowTruncate(text, unit));
    }
}
