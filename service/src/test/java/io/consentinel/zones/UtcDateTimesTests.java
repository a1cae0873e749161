package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writers' digit-by-digit dates and times read as java.time writes them. */
class UtcDateTimesTests {

    @Test
    void digitsAreTheLowestDigitsOfTheValueZeroPaddedToTheWidth() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            int width = 1 + random.nextInt(9);
            int value = random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(Integer.MAX_VALUE);
            StringBuilder out = new StringBuilder();
            UtcDateTimes.digits(value, width, out);
            String all = String.format("%010d", value);
            assertThat(out).as("%d in %d digits", value, width).hasToString(all.substring(10 - width));
        }
    }

    @Test
    void aDateAndTimeOfDayReadAsJavaTimeWritesThemFromYearZeroTo9999() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
        long first = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first + 1));
            StringBuilder out = new StringBuilder();
            assertThat(UtcDateTimes.append(second, 0, out)).isTrue();
            assertThat(out).hasToString(iso.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
        }
        assertThat(UtcDateTimes.append(last + 1, 0, new StringBuilder())).isFalse();
        assertThat(UtcDateTimes.append(first, 1, new StringBuilder())).isFalse();
    }
}
