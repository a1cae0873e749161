package io.consentinel.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds attribute trees whose every leaf is a distinctive raw value, remembers which value went
 * under which category, and searches output for any of them. Values are chosen so that every
 * operator except keep changes them visibly (no whole numbers, no times on the hour, no IPs already
 * truncated, no strings short enough for a mask to leave whole).
 */
final class RawValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One raw value placed in the event, and the category (null: unclassified) of its path. */
    record Placed(JsonNode value, Category category) {}

    private final Random random;
    private final List<Placed> placed = new ArrayList<>();

    RawValues(long seed) {
        this.random = new Random(seed);
    }

    List<Placed> placed() {
        return placed;
    }

    /** Puts a raw value at every element the path names, creating objects and two-element arrays on the way. */
    void place(ObjectNode root, List<String> steps, Category category) {
        place(root, steps, 0, category);
    }

    private void place(JsonNode container, List<String> steps, int i, Category category) {
        String step = steps.get(i);
        boolean last = i == steps.size() - 1;
        boolean nextIsElement = !last && FieldPath.ELEMENT.equals(steps.get(i + 1));
        if (container instanceof ObjectNode object) {
            if (last) {
                object.set(step, raw(category));
                return;
            }
            JsonNode child = object.get(step);
            if (child == null) {
                child = nextIsElement ? NODES.arrayNode() : NODES.objectNode();
                object.set(step, child);
            }
            place(child, steps, i + 1, category);
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty()) {
                for (int element = 0; element < 2; element++) {
                    array.add(last ? raw(category) : nextIsElement ? NODES.arrayNode() : NODES.objectNode());
                }
                if (last) {
                    return;
                }
            }
            for (JsonNode element : array) {
                place(element, steps, i + 1, category);
            }
        }
    }

    JsonNode raw(Category category) {
        JsonNode value = switch (random.nextInt(6)) {
            case 0 -> NODES.stringNode("m-" + marker());
            case 1 ->
                NODES.stringNode((1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + (1 + random.nextInt(255)));
            case 2 ->
                NODES.stringNode(
                        "https://u:" + marker() + "@h" + marker() + ".example/p/" + marker() + "?q=" + marker());
            case 3 ->
                NODES.stringNode("2026-11-" + (10 + random.nextInt(18)) + "T0" + random.nextInt(10) + ":"
                        + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50)) + "Z");
            case 4 -> NODES.numberNode(random.nextInt(180) - 90 + (1 + random.nextInt(9999)) / 10000.0 + 0.00001);
            default ->
                NODES.stringNode("2001:db8:" + Integer.toHexString(1 + random.nextInt(0xfffe)) + ":"
                        + Integer.toHexString(1 + random.nextInt(0xfffe)) + "::"
                        + Integer.toHexString(1 + random.nextInt(0xfffe)));
        };
        placed.add(new Placed(value, category));
        return value;
    }

    private String marker() {
        StringBuilder marker = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            marker.append((char) ('a' + random.nextInt(26)));
        }
        return marker.toString();
    }

    /** Whether the raw value appears anywhere in the tree: as a number, or inside any string. */
    static boolean appearsIn(JsonNode tree, JsonNode raw) {
        if (tree == null) {
            return false;
        }
        if (tree.isContainer()) {
            for (JsonNode child : tree) {
                if (appearsIn(child, raw)) {
                    return true;
                }
            }
            return tree.isObject() && tree.propertyNames().stream().anyMatch(name -> name.contains(text(raw)));
        }
        if (raw.isNumber() && tree.isNumber()) {
            return tree.decimalValue().compareTo(raw.decimalValue()) == 0;
        }
        return tree.isString() && tree.stringValue().contains(text(raw));
    }

    static boolean appearsIn(List<FieldAction> fields, JsonNode raw) {
        String text = text(raw);
        return fields.stream()
                .anyMatch(f -> f.path().contains(text)
                        || (f.category() != null && f.category().contains(text))
                        || f.action().contains(text));
    }

    private static String text(JsonNode raw) {
        return raw.isString() ? raw.stringValue() : raw.toString();
    }
}
