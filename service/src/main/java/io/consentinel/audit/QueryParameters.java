package io.consentinel.audit;

import io.consentinel.web.Violations;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * Typed access to a request's query string that collects every problem instead of failing on the first.
 * Unknown parameters are problems too: a misspelt filter must not silently widen an officer's query.
 * Problems never quote a value; it may be personal data.
 */
final class QueryParameters {

    /** A decoded '+' of a numeric offset arrives as a space when the client did not percent-encode it. */
    private static final Pattern SPACE_FOR_PLUS =
            Pattern.compile("(\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) (\\d{2}:\\d{2})$");

    private final MultiValueMap<String, String> query;
    private final Violations violations = new Violations();

    QueryParameters(MultiValueMap<String, String> query, Set<String> allowed) {
        this.query = query;
        query.forEach((name, values) -> {
            if (!allowed.contains(name)) {
                violations.add(pointer(name), "unknown parameter; allowed: " + String.join(", ", sorted(allowed)));
            } else if (values.size() > 1) {
                violations.add(pointer(name), "given more than once");
            }
        });
    }

    Violations violations() {
        return violations;
    }

    /** The value, or null when absent; an empty value is a problem, not "no filter". */
    String text(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.getFirst();
        if (value == null || value.isBlank()) {
            violations.add(pointer(name), "must not be empty");
            return null;
        }
        return value;
    }

    Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(SPACE_FOR_PLUS.matcher(value).replaceFirst("$1+$2"))
                    .toInstant();
        } catch (DateTimeParseException e) {
            violations.add(pointer(name), "must be an RFC 3339 date-time with an offset, e.g. 2026-11-24T10:00:00Z");
            return null;
        }
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        violations.add(pointer(name), "must be an integer from " + min + " to " + max);
        return defaultValue;
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }

    static String pointer(String name) {
        return "/" + Violations.token(name);
    }
}
