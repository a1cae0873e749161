package io.consentinel.decision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Truncates RFC 3339 times: hourly points still single out most people, so the policy may ask for days.
 * Times are read by {@link Rfc3339}; the common result (years 0-9999) is formatted by hand, the rest by
 * {@link Instant#toString()}.
 */
final class TimeCoarsening {

    private static final int SECONDS_PER_HOUR = 3600;
    private static final int SECONDS_PER_DAY = 86_400;

    private TimeCoarsening() {}

    /** The instant in UTC, truncated to the unit, as {@code 2026-11-24T09:00:00Z}; null if not a time with an offset. */
    static String truncate(String text, Operator.CoarsenTime.TimeUnit unit) {
        int unitSeconds = unit == Operator.CoarsenTime.TimeUnit.DAY ? SECONDS_PER_DAY : SECONDS_PER_HOUR;
        long epochSecond = Rfc3339.fastEpochSecond(text);
        if (epochSecond != Rfc3339.NOT_FAST) {
            String formatted = format(Math.floorDiv(epochSecond, unitSeconds) * unitSeconds);
            if (formatted != null) {
                return formatted;
            }
        }
        return slowTruncate(text, unit);
    }

    /** The same through java.time alone: the oracle of the fast path, and its fallback. */
    static String slowTruncate(String text, Operator.CoarsenTime.TimeUnit unit) {
        Instant instant = Rfc3339.javaTime(text);
        if (instant == null) {
            return null;
        }
        ChronoUnit chronoUnit = unit == Operator.CoarsenTime.TimeUnit.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        return instant.truncatedTo(chronoUnit).toString();
    }

    /** {@code yyyy-MM-ddTHH:00:00Z} for a whole hour, or null outside years 0-9999 (left to Instant). */
    private static String format(long epochSecond) {
        long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int hour = Math.floorMod(epochSecond, SECONDS_PER_DAY) / SECONDS_PER_HOUR;
        // H. Hinnant's civil_from_days
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return null;
        }
        byte[] out = "0000-00-00T00:00:00Z".getBytes(StandardCharsets.US_ASCII);
        put(out, 0, (int) year, 4);
        put(out, 5, month, 2);
        put(out, 8, day, 2);
        put(out, 11, hour, 2);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void put(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
