package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.field;

import io.consentinel.decision.Operator.CoarsenTime.TimeUnit;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.instancio.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written RFC 3339 fast path agrees with java.time on every input, valid or nearly so. */
class TimeCoarseningProperties {

    private static final List<String> PATTERNS = List.of(
            "yyyy-MM-dd'T'HH:mm:ssXXX",
            "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
            "yyyy-MM-dd't'HH:mm:ss.SSSSSSSSSxxx",
            "yyyy-MM-dd'T'HH:mm:ss.Sxxx",
            "yyyy-MM-dd'T'HH:mmXXX");
    private static final List<String> EDGES = List.of(
            "2024-02-29T23:59:59Z",
            "2023-02-29T00:00:00Z",
            "0000-01-01T00:30:00+01:00",
            "9999-12-31T23:59:59-18:00",
            "2026-11-24T09:13:27+18:01",
            "2026-11-24T09:13:27-00:00",
            "2026-11-24T24:00:00Z",
            "2026-11-24T09:13:60Z",
            "2026-11-24T09:13:27.1234567890Z",
            "2026-11-24T09:13:27.Z");

    record Input(String text, TimeUnit unit) {}

    static Stream<Input> inputs() {
        return Samples.of(Instancio.of(Input.class).supply(field(Input::text), TimeCoarseningProperties::time), 3000);
    }

    /** Valid times in every offset and precision, the same with one character changed, and known edges. */
    private static String time(Random random) {
        return switch (Samples.weighted(random, 5, 4, 1)) {
            case 0 -> valid(random);
            case 1 -> {
                String text = valid(random);
                int at = random.intRange(0, text.length() - 1);
                String replacements = "0123456789:-+.TtZz x";
                char c = replacements.charAt(random.intRange(0, replacements.length() - 1));
                yield text.substring(0, at) + c + text.substring(at + 1);
            }
            default -> random.oneOf(EDGES);
        };
    }

    private static String valid(Random random) {
        long seconds = random.longRange(-62_167_219_200L, 253_402_300_799L);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.intRange(-18 * 4, 18 * 4) * 900);
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, random.intRange(0, 999_999_999)), offset)
                .format(DateTimeFormatter.ofPattern(random.oneOf(PATTERNS)));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void parsedInstantsAgreeWithJavaTime(Input input) {
        assertThat(Rfc3339.parse(input.text())).isEqualTo(Optional.ofNullable(Rfc3339.javaTime(input.text())));
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void fastPathAgreesWithJavaTime(Input input) {
        assertThat(TimeCoarsening.truncate(input.text(), input.unit()))
                .isEqualTo(TimeCoarsening.slowTruncate(input.text(), input.unit()));
    }
}
