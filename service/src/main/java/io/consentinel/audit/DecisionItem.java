package io.consentinel.audit;

import io.consentinel.zones.DecisionRecord;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One decision as the audit API shows it: the event's result plus who, what, where and when. {@code subjectRef}
 * is the subject's pseudonym, as the decision's transparency-log entry carries it.
 */
record DecisionItem(
        UUID eventId,
        String outcome,
        String zone,
        String policyVersion,
        List<String> reasons,
        List<DecisionRecord.Field> fields,
        String subjectId,
        String subjectRef,
        String appId,
        String type,
        String jurisdiction,
        Instant occurredAt,
        Instant receivedAt,
        List<String> consentRecordIds,
        long sequence) {}
