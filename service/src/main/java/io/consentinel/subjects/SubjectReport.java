package io.consentinel.subjects;

import io.consentinel.consent.ConsentRecordView;
import io.consentinel.zones.DecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** The wire shape of a subject's access report: everything Consentinel holds about one subject id. */
record SubjectReport(String subjectId, Consent consent, List<Decision> decisions, List<StoredEvent> events) {

    /** The ledger, oldest first, in the shape of {@code GET /v1/subjects/{id}/consents/history}. */
    record Consent(List<ConsentRecordView> records) {}

    /**
     * One audit decision. {@code store} names where it is kept: its zone, or {@code control} for a decision
     * that had no zone; {@code sequence} is its place in that store's chain.
     */
    record Decision(
            String store,
            long sequence,
            UUID eventId,
            String appId,
            String type,
            String outcome,
            String zone,
            String jurisdiction,
            String policyVersion,
            List<String> reasons,
            List<DecisionRecord.Field> fields,
            List<String> consentRecordIds,
            Instant occurredAt,
            Instant receivedAt) {

        static Decision of(String store, DecisionRecord d) {
            return new Decision(
                    store,
                    d.sequence(),
                    d.eventId(),
                    d.appId(),
                    d.eventType(),
                    d.outcome(),
                    d.zone(),
                    d.jurisdiction(),
                    d.policyVersion(),
                    d.reasons(),
                    d.fields(),
                    d.consentRecordIds(),
                    d.occurredAt(),
                    d.receivedAt());
        }
    }

    /** What is stored of an event, after anonymisation, and when retention removes it. */
    record StoredEvent(
            String zone,
            String appId,
            UUID eventId,
            String type,
            Instant occurredAt,
            Instant receivedAt,
            Instant expiresAt,
            JsonNode storedAttributes) {}
}
