package io.consentinel.ingest;

import io.consentinel.decision.Policy;
import io.consentinel.events.EventIntake;
import io.consentinel.web.Violation;
import io.consentinel.web.Violations;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps one Segment (or RudderStack) message to a native event, as API.md "Ingestion from existing SDKs"
 * says, and collects the consent categories the message itself denies. It decides nothing: the event
 * is validated and decided like any {@code POST /v1/events} event.
 */
final class SegmentMessages {

    static final Set<String> CALLS = Set.of("track", "page", "screen", "identify", "group", "alias");
    private static final List<String> ATTRIBUTE_OBJECTS = List.of("properties", "traits", "context");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final int MAX_ID = 200;

    private final Policy policy;
    private final String appId;
    private final Instant receivedAt;
    private final long maxMessageBytes;

    SegmentMessages(Policy policy, String appId, Instant receivedAt, long maxMessageBytes) {
        this.policy = policy;
        this.appId = appId;
        this.receivedAt = receivedAt;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** One mapped message, and how to point at its own fields from the native event's pointers. */
    record Mapped(EventIntake.Item item, boolean track, String timeField) {

        Violation toMessage(Violation violation) {
            String pointer = violation.pointer();
            String mapped = switch (pointer) {
                case "/eventId" -> "/messageId";
                case "/subjectId" -> "/userId";
                case "/type" -> track ? "/event" : "/type";
                case "/occurredAt" -> "/" + timeField;
                case "/jurisdiction" -> "/context/location/country";
                case "/appId", "/attributes" -> "";
                default -> pointer.startsWith("/attributes/") ? pointer.substring("/attributes".length()) : pointer;
            };
            return new Violation(mapped, violation.detail());
        }
    }

    /**
     * @param call the call type from the path, or null in a batch, where each message names its own
     * @param size the message's size as JSON
     */
    Mapped map(JsonNode message, String call, long size) {
        Violations v = new Violations();
        if (message == null || !message.isObject()) {
            return invalid(null, v.add("", "a message must be a JSON object"));
        }
        String messageId = id(message.get("messageId"));
        String eventId = messageId == null || messageId.length() > MAX_ID ? null : NameBasedIds.eventId(messageId);
        if (size > maxMessageBytes) {
            return invalid(eventId, v.add("", "a message may take at most " + maxMessageBytes + " bytes as JSON"));
        }
        String type = call != null ? call : stringOrNull(message.get("type"));
        if (type == null || !CALLS.contains(type)) {
            v.add(
                    "/type",
                    "must be one of "
                            + String.join(", ", List.of("track", "page", "screen", "identify", "group", "alias")));
        }
        if (messageId == null) {
            v.add("/messageId", "is required: it makes a retried message a duplicate rather than a second event");
        } else if (messageId.length() > MAX_ID) {
            v.add("/messageId", "at most " + MAX_ID + " characters");
        }
        String subjectId = id(message.get("userId"));
        if (subjectId == null) {
            subjectId = id(message.get("anonymousId"));
        }
        if (subjectId == null) {
            v.add("/userId", "userId or anonymousId is required: the consent ledger is kept per subject");
        }
        boolean track = "track".equals(type);
        String name = track ? stringOrNull(message.get("event")) : type;
        if (track && name == null) {
            v.add("/event", "is required for a track call");
        }
        String timeField = "timestamp";
        JsonNode time = message.get("timestamp");
        if (time == null || time.isNull()) {
            timeField = "originalTimestamp";
            time = message.get("originalTimestamp");
        }
        ObjectNode attributes = JsonNodeFactory.instance.objectNode();
        for (String member : ATTRIBUTE_OBJECTS) {
            JsonNode value = message.get(member);
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isObject()) {
                attributes.set(member, value);
            } else {
                v.add("/" + member, "must be a JSON object");
            }
        }
        if (!v.isEmpty()) {
            return invalid(eventId, v);
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventId", eventId);
        event.put("appId", appId);
        event.put("subjectId", subjectId);
        event.put("type", policy.eventTypeForName(name));
        if (time == null || time.isNull()) {
            event.put("occurredAt", receivedAt.toString());
        } else {
            event.set("occurredAt", time);
        }
        String country = country(message.get("context"));
        if (country != null) {
            event.put("jurisdiction", country);
        }
        event.set("attributes", attributes);
        return new Mapped(
                new EventIntake.Item(event, deniedInBand(message.get("context")), eventId, List.of()),
                track,
                timeField);
    }

    /**
     * Segment's {@code context.consent.categoryPreferences} ({@code {"Advertising": false}}) and
     * RudderStack's {@code context.consentManagement.deniedConsentIds}. Only a preference of exactly
     * {@code true} is not a denial: an unreadable preference narrows, it never widens.
     */
    static Set<String> deniedInBand(JsonNode context) {
        if (context == null || !context.isObject()) {
            return Set.of();
        }
        Set<String> denied = new LinkedHashSet<>();
        JsonNode preferences = context.path("consent").path("categoryPreferences");
        if (preferences.isObject()) {
            for (Map.Entry<String, JsonNode> preference : preferences.properties()) {
                if (!preference.getValue().isBoolean() || !preference.getValue().booleanValue()) {
                    denied.add(preference.getKey());
                }
            }
        }
        JsonNode deniedIds = context.path("consentManagement").path("deniedConsentIds");
        if (deniedIds.isArray()) {
            for (JsonNode id : deniedIds) {
                if (id.isString()) {
                    denied.add(id.stringValue());
                } else if (id.isNumber()) {
                    denied.add(id.asString());
                }
            }
        }
        return denied;
    }

    private static String country(JsonNode context) {
        JsonNode country = context == null ? null : context.path("location").path("country");
        if (country != null
                && country.isString()
                && COUNTRY.matcher(country.stringValue()).matches()) {
            return country.stringValue().toUpperCase(Locale.ROOT);
        }
        return null; // a country name ("India") or nothing: the ledger must know, or the event is rejected
    }

    /** Segment ids are strings; some clients send numbers. Blank is absent. */
    private static String id(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        return node.isIntegralNumber() ? node.asString() : null;
    }

    private static String stringOrNull(JsonNode node) {
        return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    private static Mapped invalid(String eventId, Violations v) {
        return new Mapped(EventIntake.Item.invalid(eventId, v.list()), false, "timestamp");
    }
}
