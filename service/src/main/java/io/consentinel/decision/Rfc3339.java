package io.consentinel.decision;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * RFC 3339 timestamps, for the ingest edge ({@code occurredAt}) and the coarsen_time operator alike. An offset
 * is required, so a time is never silently read in a local zone. The shape almost every client sends,
 * {@code 2026-11-24T09:13:27[.123456789](Z|+05:30)}, is read by hand without exceptions or formatter objects:
 * it runs for every event, and java.time's general parser cost more than the rest of the event's validation.
 * Anything else goes to {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which alone decides what else is valid;
 * the hand-read path is held to it by {@code TimeCoarseningProperties}.
 */
public final class Rfc3339 {

    static final long NOT_FAST = Long.MIN_VALUE;
    // The longest text java.time accepts (a nine-digit year, nanoseconds, an offset) is 41 characters.
    private static final int MAX_LENGTH = 64;
    private static final int SECONDS_PER_HOUR = 3600;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int MAX_OFFSET_SECONDS = 18 * SECONDS_PER_HOUR; // ZoneOffset's range

    private Rfc3339() {}

    /** The instant, or empty if the text is not an RFC 3339 timestamp with an offset. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        long epochSecond = fastEpochSecond(text);
        if (epochSecond != NOT_FAST) {
            return Optional.of(Instant.ofEpochSecond(epochSecond, fastNanos(text)));
        }
        return Optional.ofNullable(javaTime(text));
    }

    /** java.time alone, the oracle of the hand-read path; null if it refuses the text. */
    static Instant javaTime(String text) {
        if (text.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException notATime) {
            return null;
        }
    }

    /** Seconds since the epoch for {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, else NOT_FAST. */
    static long fastEpochSecond(String t) {
        int length = t.length();
        if (length < 20
                || length > 35
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) | 0x20) != 't'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
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

    /** The fraction of a second of a text {@link #fastEpochSecond} accepted, in nanoseconds. */
    private static int fastNanos(String t) {
        int nanos = 0;
        int digits = 0;
        if (t.charAt(19) == '.') {
            for (int i = 20; t.charAt(i) >= '0' && t.charAt(i) <= '9'; i++, digits++) {
                nanos = nanos * 10 + (t.charAt(i) - '0');
            }
        }
        for (; digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
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
}
