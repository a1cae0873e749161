package io.consentinel.zones;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decision as a transparency-log entry (API.md, "Verifiable audit log"): exactly the documented members,
 * the subject by its pseudonym so that erasure changes no leaf, times as the audit answers write them.
 */
public final class DecisionEntries {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DecisionEntries() {}

    public static ObjectNode entry(DecisionRecord d) {
        ObjectNode entry = NODES.objectNode();
        entry.put("v", 1);
        entry.put("sequence", d.sequence());
        entry.put("eventId", d.eventId().toString());
        entry.put("appId", d.appId());
        entry.put("subjectRef", d.subjectRef());
        entry.put("type", d.eventType());
        entry.put("jurisdiction", d.jurisdiction());
        entry.put("zone", d.zone());
        entry.put("outcome", d.outcome());
        entry.set("reasons", strings(d.reasons()));
        ArrayNode fields = entry.putArray("fields");
        for (DecisionRecord.Field field : d.fields()) {
            ObjectNode f = fields.addObject();
            f.put("path", field.path());
            f.put("category", field.category());
            f.put("action", field.action());
            f.put("reason", field.reason());
        }
        entry.set("consentRecordIds", strings(d.consentRecordIds()));
        entry.put("policyVersion", d.policyVersion());
        entry.put("occurredAt", time(d.occurredAt()));
        entry.put("receivedAt", time(d.receivedAt()));
        return entry;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** As Jackson writes an Instant in every answer (ISO-8601, UTC), at the microseconds a store keeps. */
    private static String time(Instant instant) {
        return instant == null ? null : DecisionRecord.micros(instant).toString();
    }
}
