package io.consentinel.events;

import io.consentinel.decision.EventInput;
import io.consentinel.web.CountryCodes;
import io.consentinel.web.JsonFields;
import io.consentinel.web.StorableText;
import io.consentinel.web.UuidText;
import io.consentinel.web.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates one event as API.md requires, reporting every problem with a pointer. Messages never quote
 * attribute values; only the shape of the input is described.
 */
final class EventRequests {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private EventRequests() {}

    /** The event, or the problems found, with pointers relative to the event itself. */
    static Validated validate(JsonNode event, Instant now) {
        Violations v = new Violations();
        if (event == null || !event.isObject()) {
            v.add("", "an event must be a JSON object");
            return new Validated(null, v);
        }
        String eventId = JsonFields.text(event, "eventId", v, true);
        if (eventId != null) {
            eventId = UuidText.canonical(eventId);
            if (eventId == null) {
                v.add("/eventId", "must be a UUID");
            }
        }
        String appId = JsonFields.text(event, "appId", v, true);
        String subjectId = JsonFields.text(event, "subjectId", v, true);
        String type = JsonFields.text(event, "type", v, true);
        Instant occurredAt = JsonFields.time(event, "occurredAt", v, true);
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            v.add("/occurredAt", "is in the future (more than " + CLOCK_SKEW.toMinutes() + " minutes ahead)");
        }
        String jurisdiction = null;
        JsonNode j = event.get("jurisdiction");
        if (j != null && !j.isNull()) {
            if (!j.isString() || !CountryCodes.isAlpha2(j.asString())) {
                v.add("/jurisdiction", CountryCodes.PROBLEM);
            } else {
                jurisdiction = j.asString();
            }
        }
        JsonNode attributes = event.get("attributes");
        if (attributes == null || attributes.isNull()) {
            v.add("/attributes", "is required");
        } else if (!attributes.isObject()) {
            v.add("/attributes", "must be a JSON object");
        } else if (needsReport(attributes)) {
            checkKeys(attributes, "/attributes", v); // builds pointers only for events that need them
        }
        if (!v.isEmpty()) {
            return new Validated(null, v);
        }
        return new Validated(
                new EventInput(eventId, appId, subjectId, type, occurredAt, jurisdiction, (ObjectNode) attributes), v);
    }

    /**
     * A fast scan, with no pointers built, for anything {@link #checkKeys} would report: a key that spells
     * no path (empty, an empty segment between dots, or '[' and ']', which policy paths reserve for arrays)
     * or text PostgreSQL cannot store (see {@link StorableText}). A key with dots is fine: the engine
     * classifies {@code "device.imei"} as the path it spells. Only events that fail it pay for the
     * detailed report.
     */
    private static boolean needsReport(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (isAmbiguous(entry.getKey())
                        || !StorableText.isStorable(entry.getKey())
                        || needsReport(entry.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (needsReport(node.get(i))) {
                    return true;
                }
            }
        } else if (node.isString()) {
            return !StorableText.isStorable(node.asString());
        }
        return false;
    }

    private static boolean isAmbiguous(String key) {
        return key.isEmpty()
                || key.charAt(0) == '.'
                || key.charAt(key.length() - 1) == '.'
                || key.contains("..")
                || key.indexOf('[') >= 0
                || key.indexOf(']') >= 0;
    }

    private static void checkKeys(JsonNode node, String pointer, Violations v) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                String at = pointer + "/" + Violations.token(key);
                if (isAmbiguous(key)) {
                    v.add(
                            at,
                            "attribute names must be non-empty, must not begin or end with '.' nor contain '..', '[' or ']'");
                } else if (!StorableText.isStorable(key)) {
                    v.add(at, "attribute names " + StorableText.PROBLEM);
                }
                checkKeys(entry.getValue(), at, v);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), pointer + "/" + i, v);
            }
        } else if (node.isString() && !StorableText.isStorable(node.asString())) {
            v.add(pointer, "attribute values " + StorableText.PROBLEM);
        }
    }

    /** The event's id, echoed only when it is a well-formed UUID, so an invalid item never reflects arbitrary input. */
    static String eventIdOf(JsonNode event) {
        JsonNode id = event != null && event.isObject() ? event.get("eventId") : null;
        return id != null && id.isString() ? UuidText.canonical(id.asString()) : null;
    }

    record Validated(EventInput event, Violations violations) {}
}
