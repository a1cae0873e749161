package io.consentinel.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * A policy field path such as {@code device.imei} or {@code tracks[].artist}, as a list of steps:
 * member names and {@link #ELEMENT} for "every element of the array".
 */
public record FieldPath(String text, List<String> steps) {

    /** The step into every element of an array, written {@code []} after a name. */
    public static final String ELEMENT = "[]";

    public FieldPath {
        steps = List.copyOf(steps);
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException with a message that says what is wrong with the path
     */
    public static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a field path must not be empty");
        }
        List<String> steps = new ArrayList<>();
        int start = 0;
        while (true) {
            int dot = text.indexOf('.', start);
            int end = dot < 0 ? text.length() : dot;
            addSegment(text.substring(start, end), steps);
            if (dot < 0) {
                return new FieldPath(text, steps);
            }
            start = dot + 1;
        }
    }

    private static void addSegment(String segment, List<String> steps) {
        int bracket = segment.indexOf('[');
        String name = bracket < 0 ? segment : segment.substring(0, bracket);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    segment.isEmpty()
                            ? "a field path must not have an empty segment (two dots, or a dot at either end)"
                            : "'[]' must follow a name, as in tracks[].artist");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ']' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a field name must not contain ']' or control characters");
            }
        }
        steps.add(name);
        for (int i = bracket; i >= 0 && i < segment.length(); i += 2) {
            if (!segment.startsWith(ELEMENT, i)) {
                throw new IllegalArgumentException("after a name only '[]' may follow, as in tracks[].artist");
            }
            steps.add(ELEMENT);
        }
    }

    /** Whether this path lies strictly inside {@code other}'s subtree. */
    public boolean isInside(FieldPath other) {
        return steps.size() > other.steps.size()
                && steps.subList(0, other.steps.size()).equals(other.steps);
    }

    @Override
    public String toString() {
        return text;
    }
}
