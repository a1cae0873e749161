package io.consentinel.zones;

import java.time.LocalDate;

/**
 * Writes a UTC date and time of day, {@code yyyy-MM-ddTHH:mm:ss}, digit by digit. The writers do this for
 * every decision (COPY rows and log leaves), where java.time's formatters cost more than the rest of the
 * row.
 */
final class UtcDateTimes {

    private UtcDateTimes() {}

    /**
     * Appends the date and time of day of {@code epochSecond}, and answers true, when its year is from
     * {@code minYear} to 9999; otherwise appends nothing and answers false, for the caller's general path.
     */
    static boolean append(long epochSecond, int minYear, StringBuilder out) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        if (date.getYear() < minYear || date.getYear() > 9999) {
            return false;
        }
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        digits(date.getYear(), 4, out);
        out.append('-');
        digits(date.getMonthValue(), 2, out);
        out.append('-');
        digits(date.getDayOfMonth(), 2, out);
        out.append('T');
        digits(secondOfDay / 3600, 2, out);
        out.append(':');
        digits(secondOfDay / 60 % 60, 2, out);
        out.append(':');
        digits(secondOfDay % 60, 2, out);
        return true;
    }

    /**
     * {@code value} in exactly {@code width} decimal digits, zero-padded; higher digits are cut. The widths
     * the writers use are spelled out, so that every division is by a constant, which the JIT turns into a
     * multiplication.
     */
    static void digits(int value, int width, StringBuilder out) {
        switch (width) {
            case 2 -> two(value % 100, out);
            case 3 -> {
                out.append((char) ('0' + value / 100 % 10));
                two(value % 100, out);
            }
            case 4 -> {
                two(value / 100 % 100, out);
                two(value % 100, out);
            }
            case 6 -> {
                two(value / 10_000 % 100, out);
                two(value / 100 % 100, out);
                two(value % 100, out);
            }
            default -> {
                int divisor = 1;
                for (int i = 1; i < width; i++) {
                    divisor *= 10;
                }
                for (; divisor > 0; divisor /= 10) {
                    out.append((char) ('0' + value / divisor % 10));
                }
            }
        }
    }

    private static void two(int value, StringBuilder out) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
