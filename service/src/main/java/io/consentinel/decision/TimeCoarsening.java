package io.consentinel.decision;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Truncates RFC 3339 times: hourly points still single out most people, so the policy may ask for days. */
final class TimeCoarsening {

    // The longest RFC 3339 text with nanoseconds and an offset is 35 characters; anything far longer is not a time.
    private static final int MAX_LENGTH = 64;

    private TimeCoarsening() {}

    /** The instant in UTC, truncated to the unit, as {@code 2026-11-24T09:00:00Z}; null if not a time with an offset. */
    static String truncate(String text, Operator.CoarsenTime.TimeUnit unit) {
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
}
