package io.consentinel.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The problems found so far in one document, and the checks that find them. Each check reports
 * what is wrong and returns null, so that reading goes on and every mistake is listed.
 */
final class Problems {

    private final List<PolicyProblem> found = new ArrayList<>();

    void add(Pointer at, String detail) {
        found.add(new PolicyProblem(at.text(), detail));
    }

    boolean none() {
        return found.isEmpty();
    }

    int count() {
        return found.size();
    }

    List<PolicyProblem> all() {
        return List.copyOf(found);
    }

    ObjectNode object(JsonNode node, Pointer at, String what) {
        if (node != null && node.isObject()) {
            return (ObjectNode) node;
        }
        add(at, "must be an object (" + what + ")");
        return null;
    }

    /** Reads one named entry; null when the entry was invalid (and reported). */
    @FunctionalInterface
    interface EntryReader<T> {
        T read(String name, JsonNode value, Pointer at);
    }

    /**
     * A map of named definitions (categories, event types): each name must match {@link Names#KEY}; the
     * valid entries are returned in declaration order, the invalid ones reported and left out.
     */
    <T> Map<String, T> namedEntries(JsonNode node, Pointer at, String shape, String kind, EntryReader<T> reader) {
        Map<String, T> entries = new LinkedHashMap<>();
        ObjectNode object = node == null ? null : object(node, at, shape);
        if (object == null) {
            return entries;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Pointer entryAt = at.at(entry.getKey());
            if (!Names.KEY.matcher(entry.getKey()).matches()) {
                add(entryAt, "is not a valid " + kind + " name: use " + Names.KEY_RULE);
                continue;
            }
            T value = reader.read(entry.getKey(), entry.getValue(), entryAt);
            if (value != null) {
                entries.put(entry.getKey(), value);
            }
        }
        return entries;
    }

    /** Reports every key that is not one of {@code known}: a typo must not silently switch a rule off. */
    void onlyKnown(ObjectNode node, Pointer at, Set<String> known) {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                add(at.at(key), "is not a known property; expected one of " + String.join(", ", known));
            }
        }
    }

    String string(JsonNode node, Pointer at) {
        if (node.isString()) {
            return node.stringValue();
        }
        add(at, "must be a string");
        return null;
    }

    /** The optional {@code purpose} of a category or event type: a string naming a declared purpose. */
    String declaredPurpose(ObjectNode object, Pointer at, Set<String> purposes) {
        JsonNode node = object.get("purpose");
        if (node == null || node.isNull()) {
            return null;
        }
        String purpose = string(node, at.at("purpose"));
        if (purpose != null && !purposes.contains(purpose)) {
            add(at.at("purpose"), "names the purpose '" + purpose + "', which is not declared in /purposes");
        }
        return purpose;
    }

    String name(JsonNode node, Pointer at, Pattern pattern, String rule) {
        String name = string(node, at);
        if (name != null && !pattern.matcher(name).matches()) {
            add(at, "must be " + rule);
            return null;
        }
        return name;
    }

    Integer intInRange(JsonNode node, Pointer at, int min, int max) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            add(at, "must be a whole number between " + min + " and " + max);
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            add(at, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    Integer positiveInt(JsonNode node, Pointer at) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() <= 0) {
            add(at, "must be a positive whole number");
            return null;
        }
        return node.intValue();
    }
}
