package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Seeded random events and ledgers for the default policy's types, shared by the property tests. */
final class RandomEvents {

    private static final List<String> PURPOSES = List.copyOf(DEFAULT_POLICY.purposes());

    private RandomEvents() {}

    /** Some purposes granted, some denied, some never asked: every operator gets its turn. */
    static ConsentSnapshot someGranted(Random random) {
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        for (String purpose : PURPOSES) {
            switch (random.nextInt(3)) {
                case 0 -> purposes.put(purpose, List.of(granted(BEFORE, "r-" + purpose)));
                case 1 -> purposes.put(purpose, List.of(granted(BEFORE, "g"), denied(BEFORE.plusSeconds(1), "w")));
                default -> {}
            }
        }
        return new ConsentSnapshot("IN", false, purposes);
    }

    /** Nested attributes: a random share of the type's field paths, plus unclassified members here and there. */
    static ObjectNode attributes(EventType type, Random random) {
        ObjectNode root = JSON.createObjectNode();
        for (String path : type.fields().keySet()) {
            if (random.nextInt(4) > 0) {
                insert(root, FieldPath.parse(path).steps(), 0, random);
            }
        }
        int extras = random.nextInt(4);
        for (int i = 0; i < extras; i++) {
            List<String> steps = new ArrayList<>();
            int depth = 1 + random.nextInt(3);
            for (int d = 0; d < depth; d++) {
                steps.add(random.nextBoolean() ? "device" : "x" + random.nextInt(3));
            }
            if (!pathTaken(root, steps)) {
                insert(root, steps, 0, random);
            }
        }
        return root;
    }

    // Extras never turn a value that is already there into a container, or the reverse.
    private static boolean pathTaken(ObjectNode root, List<String> steps) {
        JsonNode at = root;
        for (String step : steps) {
            if (!at.isObject()) {
                return true;
            }
            JsonNode next = at.get(step);
            if (next == null) {
                return false;
            }
            at = next;
        }
        return true;
    }

    private static void insert(JsonNode container, List<String> steps, int index, Random random) {
        String step = steps.get(index);
        boolean last = index == steps.size() - 1;
        ObjectNode object = (ObjectNode) container;
        if (index + 1 < steps.size() && FieldPath.ELEMENT.equals(steps.get(index + 1))) {
            ArrayNode array = object.has(step) ? (ArrayNode) object.get(step) : object.putArray(step);
            if (array.isEmpty()) {
                int size = 1 + random.nextInt(3);
                for (int i = 0; i < size; i++) {
                    array.addObject();
                }
            }
            boolean elementIsLeaf = index + 2 == steps.size();
            for (int i = 0; i < array.size(); i++) {
                if (elementIsLeaf) {
                    array.set(i, scalar(random));
                } else if (array.get(i).isObject()) {
                    insert(array.get(i), steps, index + 2, random);
                }
            }
            return;
        }
        if (last) {
            object.set(step, scalar(random));
            return;
        }
        JsonNode child = object.get(step);
        if (child == null) {
            child = object.putObject(step);
        }
        if (child.isObject()) {
            insert(child, steps, index + 1, random);
        }
    }

    private static JsonNode scalar(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> JSON.getNodeFactory().stringNode("203.0.113." + random.nextInt(256));
            case 1 -> JSON.getNodeFactory().stringNode("https://news.example/p/" + random.nextInt(100) + "?q=alice");
            case 2 -> JSON.getNodeFactory().stringNode("2026-11-24T09:" + (10 + random.nextInt(50)) + ":00Z");
            case 3 -> JSON.getNodeFactory().numberNode(random.nextDouble() * 180 - 90);
            case 4 -> JSON.getNodeFactory().numberNode(random.nextInt(100_000));
            default -> JSON.getNodeFactory().stringNode("v" + random.nextLong());
        };
    }

    /** Every leaf by the path it spells, whatever the spelling: what a reader of the stored data sees. */
    static Map<String, JsonNode> leaves(JsonNode stored) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect(stored, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties()
                    .forEach(m -> collect(m.getValue(), path.isEmpty() ? m.getKey() : path + "." + m.getKey(), leaves));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", leaves);
            }
        } else if (leaves.put(path, node) != null) {
            throw new AssertionError("two leaves spell " + path);
        }
    }
}
