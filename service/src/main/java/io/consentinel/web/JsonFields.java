package io.consentinel.web;

import io.consentinel.decision.Rfc3339;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Reads the plain fields of a request object, adding a violation (never quoting the value) when one is
 * missing or malformed, so that every problem of a request is reported at once.
 */
public final class JsonFields {

    public static final int MAX_TEXT = 200;

    private JsonFields() {}

    /** A non-blank string of at most {@link #MAX_TEXT} storable characters, or null after a violation. */
    public static String text(JsonNode object, String name, Violations v, boolean required) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                v.add("/" + name, "is required");
            }
            return null;
        }
        String problem = node.isString() ? textProblem(node.asString()) : "must be a non-empty string";
        if (problem != null) {
            v.add("/" + name, problem);
            return null;
        }
        return node.asString();
    }

    /** What is wrong with a present text field, or null: the rule of {@link #text} and of {@link Text}. */
    static String textProblem(String value) {
        if (value.isBlank()) {
            return "must be a non-empty string";
        }
        if (value.length() > MAX_TEXT) {
            return "at most " + MAX_TEXT + " characters";
        }
        return StorableText.isStorable(value) ? null : StorableText.PROBLEM;
    }

    /** An RFC 3339 timestamp with an offset, or null after a violation. */
    public static Instant time(JsonNode object, String name, Violations v, boolean required) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                v.add("/" + name, "is required");
            }
            return null;
        }
        Instant parsed = node.isString() ? Rfc3339.parse(node.asString()).orElse(null) : null;
        if (parsed == null) {
            v.add("/" + name, "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-24T10:00:00Z");
        }
        return parsed;
    }
}
