package io.consentinel.policy;

import io.consentinel.decision.Policy;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the policy's maps from what SDKs and consent standards send to the policy's own names:
 * {@code eventNames} (SDK event names to event types), {@code inBandConsent} (consent categories carried
 * in messages to purposes) and {@code gppOptOuts} (GPP US opt-outs to the purposes they deny).
 */
final class MappingReader {

    /** SDK names are free text ("Song Played"), so only length and control characters are checked. */
    private static final int MAX_NAME_LENGTH = 200;

    private final Problems problems;
    private final Set<String> purposes;

    MappingReader(Problems problems, Set<String> purposes) {
        this.problems = problems;
        this.purposes = purposes;
    }

    /** @param eventTypes every event type key in the document, valid or not, so a bad type is reported once */
    Map<String, String> eventNames(JsonNode node, Pointer at, Set<String> eventTypes) {
        return names(node, at, "SDK event name to event type", (target, targetAt) -> {
            if (!eventTypes.contains(target)) {
                problems.add(targetAt, "names the event type '" + target + "', which is not defined in /eventTypes");
                return false;
            }
            return true;
        });
    }

    Map<String, String> inBandConsent(JsonNode node, Pointer at) {
        return names(node, at, "consent category carried in messages to purpose", (target, targetAt) -> {
            if (!purposes.contains(target)) {
                problems.add(targetAt, "names the purpose '" + target + "', which is not declared in /purposes");
                return false;
            }
            return true;
        });
    }

    Map<Policy.GppOptOut, Set<String>> gppOptOuts(JsonNode node, Pointer at) {
        Map<Policy.GppOptOut, Set<String>> optOuts = new EnumMap<>(Policy.GppOptOut.class);
        if (node == null) {
            return optOuts;
        }
        ObjectNode object =
                problems.object(node, at, "{sale, sharing, targetedAdvertising}: purposes each opt-out denies");
        if (object == null) {
            return optOuts;
        }
        Set<String> known = new LinkedHashSet<>();
        for (Policy.GppOptOut optOut : Policy.GppOptOut.values()) {
            known.add(optOut.wireName());
        }
        problems.onlyKnown(object, at, known);
        for (Policy.GppOptOut optOut : Policy.GppOptOut.values()) {
            JsonNode denied = object.get(optOut.wireName());
            if (denied != null) {
                optOuts.put(optOut, PurposeLists.read(problems, purposes, denied, at.at(optOut.wireName())));
            }
        }
        return optOuts;
    }

    @FunctionalInterface
    private interface TargetCheck {
        boolean valid(String target, Pointer at);
    }

    private Map<String, String> names(JsonNode node, Pointer at, String shape, TargetCheck check) {
        Map<String, String> names = new LinkedHashMap<>();
        if (node == null) {
            return names;
        }
        ObjectNode object = problems.object(node, at, shape);
        if (object == null) {
            return names;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            Pointer entryAt = at.at(name);
            if (name.isEmpty()
                    || name.length() > MAX_NAME_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                problems.add(
                        entryAt,
                        "must be a name of 1 to " + MAX_NAME_LENGTH + " characters without control characters");
                continue;
            }
            String target = problems.string(entry.getValue(), entryAt);
            if (target != null && check.valid(target, entryAt)) {
                names.put(name, target);
            }
        }
        return names;
    }
}
