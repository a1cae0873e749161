package io.consentinel.zones;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A decision as a zone store keeps it. {@code subjectId} is the raw id until erasure replaces it by
 * {@code subjectRef}, its pseudonym, which is what the decision's transparency-log entry carries.
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
        Instant receivedAt) {

    /** A field that was not kept as it came. */
    public record Field(String path, String category, String action, String reason) {}

    public DecisionRecord withSequence(long sequence) {
        return new DecisionRecord(
                sequence,
                eventId,
                appId,
                subjectId,
                subjectRef,
                eventType,
                jurisdiction,
                zone,
                outcome,
                reasons,
                fields,
                consentRecordIds,
                policyVersion,
                occurredAt,
                receivedAt);
    }

    /** Instants are kept at microsecond precision everywhere (PostgreSQL's), so what a leaf covers is what is stored. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
