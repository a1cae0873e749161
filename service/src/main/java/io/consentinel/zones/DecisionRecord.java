package io.consentinel.zones;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision as a zone store keeps it. {@code subjectId} is the raw id until erasure replaces it by
 * {@code subjectRef}, its pseudonym, which is what the hash chain covers.
 */
public record DecisionRecord(
        long sequence,
        UUID eventId,
        String appId,
        String subjectId,
        String subjectRef,
        String eventType,
        String jurisdiction,
        String zone,
        String outcome,
        List<String> reasons,
        List<Field> fields,
        List<String> consentRecordIds,
        String policyVersion,
        Instant occurredAt,
        Instant receivedAt,
        byte[] hash) {

    /** A field that was not kept as it came. */
    public record Field(String path, String category, String action, String reason) {}

    public DecisionRecord withChain(long sequence, byte[] hash) {
        return new DecisionRecord(sequence, eventId, appId, subjectId, subjectRef, eventType, jurisdiction, zone,
                outcome, reasons, fields, consentRecordIds, policyVersion, occurredAt, receivedAt, hash);
    }
}
