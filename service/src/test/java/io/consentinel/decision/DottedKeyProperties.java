package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * No spelling of a path escapes its rule: an event whose attributes are written nested, dotted
 * ({@code "device.imei"}) or mixed gets the same decision, field by field, and what is stored is the
 * same data in the shape it was sent. Seeded, so a failure names the seed that reproduces it.
 */
class DottedKeyProperties {

    private static final List<String> TYPES = List.copyOf(DEFAULT_POLICY.eventTypes().keySet());
    private static final List<String> PURPOSES = List.copyOf(DEFAULT_POLICY.purposes());

    static LongStream seeds() {
        return LongStream.range(0, 400).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySpellingOfAnEventGetsTheSameDecisionFieldByField(long seed) {
        Random random = new Random(seed);
        String type = TYPES.get(random.nextInt(TYPES.size()));
        ObjectNode nested = attributes(DEFAULT_POLICY.eventType(type), random);
        ObjectNode respelled = respell(nested, random);
        ConsentSnapshot consent = someGranted(random);

        Decision asNested = decide(event(type, nested), consent);
        Decision asSpelled = decide(event(type, respelled), consent);

        assertThat(asSpelled.outcome()).as("seed %d: %s vs %s", seed, nested, respelled).isEqualTo(asNested.outcome());
        assertThat(new HashSet<>(asSpelled.reasons())).isEqualTo(new HashSet<>(asNested.reasons()));
        assertThat(new HashSet<>(asSpelled.fields())).as("seed %d: %s", seed, respelled)
                .isEqualTo(new HashSet<>(asNested.fields()));
        if (!asNested.rejected()) {
            assertThat(leaves(asSpelled.storedAttributes())).as("seed %d: %s", seed, respelled)
                    .isEqualTo(leaves(asNested.storedAttributes()));
        }
    }

    @Test
    void aDottedKeyBesideItsNestedFormGetsTheSameRuleAndKeepsItsShape() {
        ObjectNode attributes = json("{'device.imei':'490154203237518','device':{'imei':'356938035643809'},"
                + "'device.fingerprint':'x','ip':'203.0.113.7'}");

        Decision decision = decide(event("device.heartbeat", attributes), consent("IN")
                .purpose("diagnostics", granted(BEFORE, "d1")).build());

        assertThat(decision.storedAttributes()).isEqualTo(json(("{'device.imei':'%s','device':{'imei':'%s'},"
                + "'ip':'203.0.113.0'}").formatted(PSEUDONYMISER.pseudonymise("490154203237518"),
                PSEUDONYMISER.pseudonymise("356938035643809"))));
        assertThat(decision.fields()).containsExactlyInAnyOrder(
                new FieldAction("device.imei", "device.identifier", "pseudonymise", Reason.CONSENT_MISSING),
                new FieldAction("device.fingerprint", null, "drop", Reason.UNCLASSIFIED_FIELD),
                new FieldAction("ip", "network.ip", "truncate_ip", Reason.CONSENT_MISSING));
    }

    @Test
    void aDottedKeyInsideAClassifiedPathGetsThatPathsCategory() {
        Policy policy = policy("""
                version: "t"
                purposes: [analytics]
                categories: {device.identifier: {purpose: analytics, withoutConsent: drop}}
                eventTypes: {t: {fields: {device: device.identifier}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        Decision decision = decide(event("t", json("{'device.imei':'1','device':{'serial':'2'}}")), null, policy);

        assertThat(decision.storedAttributes()).isEqualTo(json("{}"));
        assertThat(decision.fields()).containsExactly(
                new FieldAction("device", "device.identifier", "drop", Reason.CONSENT_MISSING));
    }

    @Test
    void dottedKeysInsideArrayElementsAreClassifiedToo() {
        Decision decision = decide(event("music.play", json("{'tracks':[{'artist':'A'}],'device.imei':'1'}")),
                consent("IN").grantedAllBut("personalisation").build());

        assertThat(decision.fields()).containsExactly(
                new FieldAction("tracks[].artist", "preference.music", "drop", Reason.CONSENT_MISSING));
        assertThat(decision.storedAttributes()).isEqualTo(json("{'device.imei':'1'}"));
    }

    private static EventInput event(String type, ObjectNode attributes) {
        return new EventInput("e-1", "app", "u-1", type, OCCURRED, "IN", attributes);
    }

    /** Some purposes granted, some denied, some never asked: every operator gets its turn. */
    private static ConsentSnapshot someGranted(Random random) {
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        for (String purpose : PURPOSES) {
            switch (random.nextInt(3)) {
                case 0 -> purposes.put(purpose, List.of(granted(BEFORE, "r-" + purpose)));
                case 1 -> purposes.put(purpose, List.of(granted(BEFORE, "g"), denied(BEFORE.plusSeconds(1), "w")));
                default -> { }
            }
        }
        return new ConsentSnapshot("IN", false, purposes);
    }

    /** Nested attributes: a random share of the type's field paths, plus unclassified members here and there. */
    private static ObjectNode attributes(EventType type, Random random) {
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

    /**
     * The same data, each non-empty object member randomly left nested or hoisted into its parent under a
     * dotted key, member by member, so nested, dotted and mixed spellings all occur, at every depth and
     * inside array elements.
     */
    private static ObjectNode respell(ObjectNode object, Random random) {
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            JsonNode value = respellValue(member.getValue(), random);
            if (value.isObject() && !value.isEmpty() && random.nextBoolean()) {
                ObjectNode kept = JSON.createObjectNode();
                for (Map.Entry<String, JsonNode> inner : value.properties()) {
                    if (random.nextBoolean()) {
                        out.set(member.getKey() + "." + inner.getKey(), inner.getValue());
                    } else {
                        kept.set(inner.getKey(), inner.getValue());
                    }
                }
                if (!kept.isEmpty()) {
                    out.set(member.getKey(), kept);
                }
            } else {
                out.set(member.getKey(), value);
            }
        }
        return out;
    }

    private static JsonNode respellValue(JsonNode value, Random random) {
        if (value.isObject()) {
            return respell((ObjectNode) value, random);
        }
        if (value.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            value.forEach(element -> out.add(respellValue(element, random)));
            return out;
        }
        return value;
    }

    /** Every leaf by the path it spells, whatever the spelling: what a reader of the stored data sees. */
    private static Map<String, JsonNode> leaves(JsonNode stored) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collect(stored, "", leaves);
        return leaves;
    }

    private static void collect(JsonNode node, String path, Map<String, JsonNode> leaves) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(m -> collect(m.getValue(), path.isEmpty() ? m.getKey() : path + "." + m.getKey(), leaves));
        } else if (node.isArray() && !node.isEmpty()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", leaves);
            }
        } else if (leaves.put(path, node) != null) {
            throw new AssertionError("two leaves spell " + path);
        }
    }
}
