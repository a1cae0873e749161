package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
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

    private static final List<String> TYPES =
            List.copyOf(DEFAULT_POLICY.eventTypes().keySet());

    static LongStream seeds() {
        return LongStream.range(0, 400).map(i -> 0x5EED_0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySpellingOfAnEventGetsTheSameDecisionFieldByField(long seed) {
        Random random = new Random(seed);
        String type = TYPES.get(random.nextInt(TYPES.size()));
        ObjectNode nested = RandomEvents.attributes(DEFAULT_POLICY.eventType(type), random);
        ObjectNode respelled = respell(nested, random);
        ConsentSnapshot consent = RandomEvents.someGranted(random);

        Decision asNested = decide(event(type, nested), consent);
        Decision asSpelled = decide(event(type, respelled), consent);

        assertThat(asSpelled.outcome())
                .as("seed %d: %s vs %s", seed, nested, respelled)
                .isEqualTo(asNested.outcome());
        assertThat(new HashSet<>(asSpelled.reasons())).isEqualTo(new HashSet<>(asNested.reasons()));
        assertThat(new HashSet<>(asSpelled.fields()))
                .as("seed %d: %s", seed, respelled)
                .isEqualTo(new HashSet<>(asNested.fields()));
        if (!asNested.rejected()) {
            assertThat(RandomEvents.leaves(asSpelled.storedAttributes()))
                    .as("seed %d: %s", seed, respelled)
                    .isEqualTo(RandomEvents.leaves(asNested.storedAttributes()));
        }
    }

    @Test
    void aDottedKeyBesideItsNestedFormGetsTheSameRuleAndKeepsItsShape() {
        ObjectNode attributes = json("{'device.imei':'490154203237518','device':{'imei':'356938035643809'},"
                + "'device.fingerprint':'x','ip':'203.0.113.7'}");

        Decision decision = decide(
                event("device.heartbeat", attributes),
                consent("IN").purpose("diagnostics", granted(BEFORE, "d1")).build());

        assertThat(decision.storedAttributes())
                .isEqualTo(json(("{'device.imei':'%s','device':{'imei':'%s'}," + "'ip':'203.0.113.0'}")
                        .formatted(
                                PSEUDONYMISER.pseudonymise("490154203237518"),
                                PSEUDONYMISER.pseudonymise("356938035643809"))));
        assertThat(decision.fields())
                .containsExactlyInAnyOrder(
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
        assertThat(decision.fields())
                .containsExactly(new FieldAction("device", "device.identifier", "drop", Reason.CONSENT_MISSING));
    }

    @Test
    void dottedKeysInsideArrayElementsAreClassifiedToo() {
        Decision decision = decide(
                event("music.play", json("{'tracks':[{'artist':'A'}],'device.imei':'1'}")),
                consent("IN").grantedAllBut("personalisation").build());

        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("tracks[].artist", "preference.music", "drop", Reason.CONSENT_MISSING),
                        new FieldAction("device.imei", "device.identifier", "pseudonymise", Reason.MINIMISED));
        assertThat(decision.storedAttributes())
                .isEqualTo(json("{'device.imei':'%s'}".formatted(PSEUDONYMISER.pseudonymise("1"))));
    }

    private static EventInput event(String type, ObjectNode attributes) {
        return new EventInput("e-1", "app", "u-1", type, OCCURRED, "IN", attributes);
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
}
