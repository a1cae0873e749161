package io.consentinel.ingest;

import com.google.protobuf.util.JsonFormat;
import io.consentinel.decision.Policy;
import io.consentinel.events.EventIntake;
import io.consentinel.web.Violation;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps one OTLP log record to a native event, as API.md "OpenTelemetry logs" says. Attribute keys stay
 * dotted as sent ({@code "device.id"}); the engine classifies each as the path it spells. A hardware id
 * is never taken as the subject: only {@code user.id}, {@code enduser.id} or {@code app.installation.id}.
 */
final class OtlpLogRecords {

    private static final List<String> SUBJECT_KEYS = List.of("user.id", "enduser.id", "app.installation.id");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFormat.Printer CANONICAL = JsonFormat.printer().omittingInsignificantWhitespace();

    private final Policy policy;
    private final String appId;
    private final Instant receivedAt;

    OtlpLogRecords(Policy policy, String appId, Instant receivedAt) {
        this.policy = policy;
        this.appId = appId;
        this.receivedAt = receivedAt;
    }

    EventIntake.Item map(LogRecord record, List<KeyValue> resourceAttributes) {
        String eventId = eventId(record);
        String subjectId = firstString(SUBJECT_KEYS, record.getAttributesList(), resourceAttributes);
        String name = !record.getEventName().isBlank()
                ? record.getEventName()
                : firstString(List.of("event.name"), record.getAttributesList(), List.of());
        if (subjectId == null || name == null) {
            List<Violation> problems = new java.util.ArrayList<>(2);
            if (subjectId == null) {
                problems.add(new Violation(
                        "/attributes", "a user.id, enduser.id or app.installation.id attribute is required"));
            }
            if (name == null) {
                problems.add(new Violation("/eventName", "an eventName or an event.name attribute is required"));
            }
            return EventIntake.Item.invalid(eventId, problems);
        }
        ObjectNode attributes = NODES.objectNode();
        resourceAttributes.forEach(kv -> attributes.set(kv.getKey(), value(kv.getValue())));
        record.getAttributesList().forEach(kv -> attributes.set(kv.getKey(), value(kv.getValue())));
        if (record.hasBody()) {
            attributes.set("body", value(record.getBody()));
        }
        ObjectNode event = NODES.objectNode();
        event.put("eventId", eventId);
        event.put("appId", appId);
        event.put("subjectId", subjectId);
        event.put("type", policy.eventTypeForName(name));
        event.put("occurredAt", occurredAt(record).toString());
        event.set("attributes", attributes);
        return EventIntake.Item.of(event, Set.of());
    }

    /** The v5 UUID of {@code log.record.uid}, else of the record's canonical JSON: a re-sent record is a duplicate. */
    private static String eventId(LogRecord record) {
        String uid = firstString(List.of("log.record.uid"), record.getAttributesList(), List.of());
        if (uid != null) {
            return NameBasedIds.v5(uid).toString();
        }
        try {
            return NameBasedIds.v5(CANONICAL.print(record)).toString();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a parsed log record always prints", e);
        }
    }

    private Instant occurredAt(LogRecord record) {
        long nanos = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano() : record.getObservedTimeUnixNano();
        if (nanos == 0) {
            return receivedAt;
        }
        return Instant.ofEpochSecond(
                Long.divideUnsigned(nanos, 1_000_000_000L), Long.remainderUnsigned(nanos, 1_000_000_000L));
    }

    private static String firstString(List<String> keys, List<KeyValue> first, List<KeyValue> then) {
        for (String key : keys) {
            for (List<KeyValue> attributes : List.of(first, then)) {
                for (KeyValue kv : attributes) {
                    if (kv.getKey().equals(key)) {
                        String text = text(kv.getValue());
                        if (text != null) {
                            return text;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue().isBlank() ? null : value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            default -> null;
        };
    }

    /** An OTLP value as JSON: maps stay objects with their keys as sent, bytes become base64 text. */
    static JsonNode value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> NODES.stringNode(value.getStringValue());
            case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            // JSON has no NaN or infinity: such a value is kept as its name, for the policy to judge.
            case DOUBLE_VALUE ->
                Double.isFinite(value.getDoubleValue())
                        ? NODES.numberNode(value.getDoubleValue())
                        : NODES.stringNode(Double.toString(value.getDoubleValue()));
            case BYTES_VALUE ->
                NODES.stringNode(
                        Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getArrayValue().getValuesList().forEach(v -> array.add(value(v)));
                yield array;
            }
            case KVLIST_VALUE -> {
                ObjectNode object = NODES.objectNode();
                value.getKvlistValue().getValuesList().forEach(kv -> object.set(kv.getKey(), value(kv.getValue())));
                yield object;
            }
            // Nothing set, or a kind newer than this reader: an explicit null, which no policy mistakes for data.
            default -> NODES.nullNode();
        };
    }
}
