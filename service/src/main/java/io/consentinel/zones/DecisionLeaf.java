package io.consentinel.zones;

import io.consentinel.transparency.CanonicalJson;
import io.consentinel.transparency.tree.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A decision's leaf bytes, written straight from the record: the RFC 8785 canonical JSON of its entry
 * ({@link DecisionEntries#entry}) without building the entry. Every decision passes through here under its
 * store's head lock, and building a JSON tree, sorting each object's members and formatting instants with
 * {@code DateTimeFormatter} cost the writer more than the rest of its append. The members are written in
 * the order RFC 8785 sorts them, fixed here because the entry's shape is fixed (API.md).
 * {@code DecisionLeafProperties} holds this to the general path for any decision.
 */
final class DecisionLeaf {

    /** Beyond this a sequence is not an exact JCS number; the general path decides how to write it. */
    private static final long MAX_EXACT = 1L << 53;

    private DecisionLeaf() {}

    /** SHA-256(0x00 || canonical entry). */
    static byte[] hash(DecisionRecord d) {
        return TreeHashes.leaf(bytes(d));
    }

    static byte[] bytes(DecisionRecord d) {
        if (d.sequence() > MAX_EXACT || d.sequence() < -MAX_EXACT) {
            return CanonicalJson.bytes(DecisionEntries.entry(d));
        }
        StringBuilder out = new StringBuilder(384 + 96 * d.fields().size());
        out.append("{\"appId\":");
        string(d.appId(), out);
        out.append(",\"consentRecordIds\":");
        strings(d.consentRecordIds(), out);
        out.append(",\"eventId\":");
        string(d.eventId() == null ? null : d.eventId().toString(), out);
        out.append(",\"fields\":[");
        List<DecisionRecord.Field> fields = d.fields();
        for (int i = 0; i < fields.size(); i++) {
            DecisionRecord.Field field = fields.get(i);
            out.append(i == 0 ? "{\"action\":" : ",{\"action\":");
            string(field.action(), out);
            out.append(",\"category\":");
            string(field.category(), out);
            out.append(",\"path\":");
            string(field.path(), out);
            out.append(",\"reason\":");
            string(field.reason(), out);
            out.append('}');
        }
        out.append("],\"jurisdiction\":");
        string(d.jurisdiction(), out);
        out.append(",\"occurredAt\":");
        time(d.occurredAt(), out);
        out.append(",\"outcome\":");
        string(d.outcome(), out);
        out.append(",\"policyVersion\":");
        string(d.policyVersion(), out);
        out.append(",\"reasons\":");
        strings(d.reasons(), out);
        out.append(",\"receivedAt\":");
        time(d.receivedAt(), out);
        out.append(",\"sequence\":").append(d.sequence());
        out.append(",\"subjectRef\":");
        string(d.subjectRef(), out);
        out.append(",\"type\":");
        string(d.eventType(), out);
        out.append(",\"v\":1,\"zone\":");
        string(d.zone(), out);
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void strings(List<String> values, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(values.get(i), out);
        }
        out.append(']');
    }

    private static void string(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.string(value, out);
        }
    }

    /**
     * As {@link Instant#toString} writes the instant at microseconds (the entry's form), for the years
     * 0000 to 9999; other years take {@code toString} itself.
     */
    static void time(Instant instant, StringBuilder out) {
        if (instant == null) {
            out.append("null");
            return;
        }
        Instant micros = DecisionRecord.micros(instant);
        out.append('"');
        if (!UtcDateTimes.append(micros.getEpochSecond(), 0, out)) {
            out.append(micros).append('"');
            return;
        }
        int nanos = micros.getNano();
        if (nanos != 0) {
            // ISO_INSTANT: milliseconds when they suffice, else microseconds (nothing finer is kept).
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                UtcDateTimes.digits(nanos / 1_000_000, 3, out);
            } else {
                UtcDateTimes.digits(nanos / 1_000, 6, out);
            }
        }
        out.append("Z\"");
    }
}
