package io.consentinel.events;

import io.consentinel.web.Violation;
import io.consentinel.zones.DecisionRecord;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an {@link EventResult} as the bean serializer would from its annotations, member for member.
 * A batch answer holds a thousand of them, and the bean serializer reached each record component through
 * a method handle: half of the answer's cost in the batched profile (docs/BENCHMARKS.md).
 * {@code EventResultJsonProperties} holds this to the bean serializer.
 */
final class EventResultJson extends ValueSerializer<EventResult> {

    private static final SerializableString EVENT_ID = new SerializedString("eventId");
    private static final SerializableString OUTCOME = new SerializedString("outcome");
    private static final SerializableString ZONE = new SerializedString("zone");
    private static final SerializableString POLICY_VERSION = new SerializedString("policyVersion");
    private static final SerializableString REASONS = new SerializedString("reasons");
    private static final SerializableString FIELDS = new SerializedString("fields");
    private static final SerializableString DUPLICATE = new SerializedString("duplicate");
    private static final SerializableString ERRORS = new SerializedString("errors");
    private static final SerializableString PATH = new SerializedString("path");
    private static final SerializableString CATEGORY = new SerializedString("category");
    private static final SerializableString ACTION = new SerializedString("action");
    private static final SerializableString REASON = new SerializedString("reason");
    private static final SerializableString POINTER = new SerializedString("pointer");
    private static final SerializableString DETAIL = new SerializedString("detail");

    @Override
    public void serialize(EventResult result, JsonGenerator json, SerializationContext context) {
        json.writeStartObject(result);
        stringIfPresent(json, EVENT_ID, result.eventId());
        stringIfPresent(json, OUTCOME, result.outcome());
        json.writeName(ZONE); // always present: null says the event was stored nowhere
        string(json, result.zone());
        stringIfPresent(json, POLICY_VERSION, result.policyVersion());
        if (result.reasons() != null) {
            json.writeName(REASONS);
            json.writeStartArray(result.reasons(), result.reasons().size());
            for (String reason : result.reasons()) {
                string(json, reason);
            }
            json.writeEndArray();
        }
        if (result.fields() != null) {
            json.writeName(FIELDS);
            json.writeStartArray(result.fields(), result.fields().size());
            for (DecisionRecord.Field field : result.fields()) {
                json.writeStartObject(field);
                json.writeName(PATH);
                string(json, field.path());
                json.writeName(CATEGORY);
                string(json, field.category());
                json.writeName(ACTION);
                string(json, field.action());
                json.writeName(REASON);
                string(json, field.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (result.duplicate() != null) {
            json.writeName(DUPLICATE);
            json.writeBoolean(result.duplicate());
        }
        if (result.errors() != null) {
            json.writeName(ERRORS);
            List<Violation> errors = result.errors();
            json.writeStartArray(errors, errors.size());
            for (Violation violation : errors) {
                json.writeStartObject(violation);
                json.writeName(POINTER);
                string(json, violation.pointer());
                json.writeName(DETAIL);
                string(json, violation.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void stringIfPresent(JsonGenerator json, SerializableString name, String value) {
        if (value != null) {
            json.writeName(name);
            json.writeString(value);
        }
    }

    private static void string(JsonGenerator json, String value) {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeString(value);
        }
    }
}
