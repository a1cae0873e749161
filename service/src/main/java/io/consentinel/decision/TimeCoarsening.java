package io.consentinel.decision;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Truncates RFC 3339 times: hourly points still single out most people, so the policy may ask for days.
 * The common shape ({@code 2026-11-24T09:13:27.123+05:30}) is parsed by hand, without exceptions or
 * formatter objects; anything else goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which
 * decides alone what else is valid.
 */
final class TimeCoarsening {

    // The longest RFC 3339 text with nanoseconds and an offset is 35 characters; anything far longer is not a time.
    private static final int MAX_LENGTH = 64;
    private static final int SECONDS_PER_HOUR = 3600;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int MAX_OFFSET_SECONDS = 18 * SECONDS_PER_HOUR; // ZoneOffset's range
    private static final long NOT_FAST = Long.MIN_VALUE;

    private TimeCoarsening() {}

    /** The instant in UTC, truncated to the unit, as {@code 2026-11-24T09:00:00Z}; null if not a time with an offset. */
    static String truncate(String text, Operator.CoarsenTime.TimeUnit unit) {
        int unitSeconds = unit == Operator.CoarsenTime.TimeUnit.DAY ? SECONDS_PER_DAY : SECONDS_PER_HOUR;
        long epochSecond = fastEpochSecond(text);
        if (epochSecond != NOT_FAST) {
            String formatted = format(Math.floorDiv(epochSecond, unitSeconds) * unitSeconds);
            if (formatted != null) {
                return formatted;
            }
        }
        return slowTruncate(text, unit);
    }

    static String slowTruncate(String text, Operator.CoarsenTime.TimeUnit unit) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException notATime) {
            return null;
        }
        ChronoUnit chronoUnit = unit == Operator.CoarsenTime.TimeUnit.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        return instant.truncatedTo(chronoUnit).toString();
    }

    /** Seconds since the epoch for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, else NOT_FAST. */
    private static long fastEpochSecond(String t) {
        int length = t.length();
        if (length < 20 || length > 35 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) | 0x20) != 't'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_FAST;
        }
        int i = 19;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < length && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return NOT_FAST;
            }
        }
        int offset = offsetSeconds(t, i);
        if (offset == Integer.MIN_VALUE) {
            return NOT_FAST;
        }
        long days = epochDay(year, month, day);
        return days * SECONDS_PER_DAY + hour * SECONDS_PER_HOUR + minute * 60L + second - offset;
    }

    private static int offsetSeconds(String t, int i) {
        int remaining = t.length() - i;
        if (remaining == 1 && (t.charAt(i) | 0x20) == 'z') {
            return 0;
        }
        if (remaining != 6 || (t.charAt(i) != '+' && t.charAt(i) != '-') || t.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        int hours = digits(t, i + 1, 2);
        int minutes = digits(t, i + 4, 2);
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * SECONDS_PER_HOUR + minutes * 60;
        if (seconds > MAX_OFFSET_SECONDS) {
            return Integer.MIN_VALUE;
        }
        return t.charAt(i) == '-' ? -seconds : seconds;
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    // Days from 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
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
