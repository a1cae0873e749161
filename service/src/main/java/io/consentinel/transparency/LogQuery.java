package io.consentinel.transparency;

import io.consentinel.web.ProblemException;
import io.consentinel.web.Violations;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.util.MultiValueMap;

/** The query parameters of the log endpoints: unknown or repeated ones, and every malformed value, are 400. */
final class LogQuery {

    private final MultiValueMap<String, String> query;
    private final Violations violations = new Violations();

    LogQuery(MultiValueMap<String, String> query, Set<String> allowed) {
        this.query = query;
        query.forEach((name, values) -> {
            if (!allowed.contains(name)) {
                violations.add(
                        "/" + Violations.token(name),
                        "unknown parameter; allowed: "
                                + String.join(", ", allowed.stream().sorted().toList()));
            } else if (values.size() > 1) {
                violations.add("/" + Violations.token(name), "given more than once");
            }
        });
    }

    Violations violations() {
        return violations;
    }

    /** The log named by {@code zone}: 400 when missing, 404 when no log has that name. */
    TransparencyLog log(Logs logs) {
        String zone = text("zone");
        if (zone == null && !query.containsKey("zone")) {
            violations.add("/zone", "is required: the log's name (a zone, 'control' or 'consent')");
        }
        violations.throwIfAny();
        return logs.byName(zone).orElseThrow(() -> ProblemException.notFound("The log"));
    }

    /** A whole number of at least {@code min}; null when absent and not required. */
    Long number(String name, long min, boolean required) {
        String value = text(name);
        if (value == null) {
            if (required && !query.containsKey(name)) {
                violations.add("/" + name, "is required");
            }
            return null;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the allowed range.
        }
        violations.add("/" + name, "must be a whole number of at least " + min);
        return null;
    }

    UUID uuid(String name) {
        String value = text(name);
        if (value == null) {
            if (!query.containsKey(name)) {
                violations.add("/" + name, "is required");
            }
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            violations.add("/" + name, "must be a UUID");
            return null;
        }
    }

    private String text(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.getFirst();
        if (value == null || value.isBlank()) {
            violations.add("/" + Violations.token(name), "must not be empty");
            return null;
        }
        return value;
    }
}
