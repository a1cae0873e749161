package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read common shape gives exactly what java.time gives, and refuses nothing java.time accepts. */
class Rfc3339Tests {

    /** java.time on its own, written out here so that the test does not trust Rfc3339's own fallback. */
    static Optional<java.time.Instant> javaTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Test
    void agreesWithJavaTimeOnRandomTimestampsNearTheCommonShape() {
        Random random = new Random(20261124);
        String[] offsets = {
            "Z",
            "z",
            "+00:00",
            "-00:00",
            "+05:30",
            "-08:00",
            "+14:00",
            "+17:59",
            "+18:00",
            "-18:00",
            "+19:00",
            "+05:60",
            "+5:30",
            "+0530",
            "+05:30:15",
            "",
            "ZZ",
            "+05:3x"
        };
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            s.append(pad(random.nextInt(10) == 0 ? random.nextInt(10_000) : 1990 + random.nextInt(60), 4))
                    .append('-');
            s.append(pad(random.nextInt(14), 2)).append('-').append(pad(random.nextInt(33), 2));
            s.append(random.nextInt(50) == 0 ? 't' : 'T');
            s.append(pad(random.nextInt(26), 2)).append(':').append(pad(random.nextInt(62), 2));
            if (random.nextInt(30) != 0) {
                s.append(':').append(pad(random.nextInt(62), 2));
            }
            if (random.nextBoolean()) {
                s.append('.');
                int digits = random.nextInt(11);
                for (int d = 0; d < digits; d++) {
                    s.append((char) ('0' + random.nextInt(10)));
                }
            }
            s.append(offsets[random.nextInt(offsets.length)]);
            String text = s.toString();
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(javaTime(text));
        }
    }

    @Test
    void readsTheCommonShapeItself() {
        assertThat(Rfc3339.fastEpochSecond("2026-11-24T09:59:58Z"))
                .isEqualTo(javaTime("2026-11-24T09:59:58Z").orElseThrow().getEpochSecond());
        assertThat(Rfc3339.parse("2024-02-29T23:59:59.123456789+05:30"))
                .isEqualTo(javaTime("2024-02-29T23:59:59.123456789+05:30"));
        assertThat(Rfc3339.parse("2024-02-29T23:59:59.12+05:30")).isEqualTo(javaTime("2024-02-29T23:59:59.12+05:30"));
        assertThat(Rfc3339.fastEpochSecond("2025-02-29T00:00:00Z")).isEqualTo(Rfc3339.NOT_FAST);
        assertThat(Rfc3339.parse("2025-02-29T00:00:00Z")).isEmpty();
        assertThat(Rfc3339.parse("2026-11-24T09:59:58")).isEmpty();
    }

    private static String pad(int value, int width) {
        String text = Integer.toString(value);
        return "0".repeat(Math.max(0, width - text.length())) + text;
    }
}
