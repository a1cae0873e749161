package io.consentinel.audit;

import io.consentinel.zones.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A decision to be written by {@link ChainedDecisions}, with plausible defaults for what a test ignores. */
final class DecisionDraft {

    private UUID eventId = UUID.randomUUID();
    private final String appId;
    private final String subjectId;
    private String type = "browsing.page_view";
    private String jurisdiction = "IN";
    private String zone = "in";
    private String outcome = "accepted";
    private final List<String> reasons = new ArrayList<>();
    private final List<DecisionRecord.Field> fields = new ArrayList<>();
    private final List<String> consentRecordIds = new ArrayList<>();
    private String policyVersion = "2026-11-24";
    private Instant receivedAt = Instant.now();
    private Instant occurredAt = receivedAt.minusSeconds(2);

    private DecisionDraft(String appId, String subjectId) {
        this.appId = appId;
        this.subjectId = subjectId;
    }

    static DecisionDraft of(String appId, String subjectId) {
        return new DecisionDraft(appId, subjectId);
    }

    DecisionDraft eventId(UUID value) {
        eventId = value;
        return this;
    }

    DecisionDraft type(String value) {
        type = value;
        return this;
    }

    DecisionDraft jurisdiction(String value) {
        jurisdiction = value;
        return this;
    }

    DecisionDraft zone(String value) {
        zone = value;
        return this;
    }

    DecisionDraft outcome(String value) {
        outcome = value;
        return this;
    }

    DecisionDraft reasons(String... values) {
        reasons.addAll(List.of(values));
        return this;
    }

    DecisionDraft consentRecordIds(String... values) {
        consentRecordIds.addAll(List.of(values));
        return this;
    }

    DecisionDraft policyVersion(String value) {
        policyVersion = value;
        return this;
    }

    DecisionDraft field(String path, String category, String action, String reason) {
        fields.add(new DecisionRecord.Field(path, category, action, reason));
        return this;
    }

    DecisionDraft receivedAt(Instant value) {
        receivedAt = value;
        occurredAt = value.minusSeconds(2);
        return this;
    }

    String subjectId() {
        return subjectId;
    }

    DecisionRecord toRecord(String subjectRef) {
        return new DecisionRecord(
                0,
                eventId,
                appId,
                subjectId,
                subjectRef,
                type,
                jurisdiction,
                zone,
                outcome,
                List.copyOf(reasons),
                List.copyOf(fields),
                List.copyOf(consentRecordIds),
                policyVersion,
                DecisionRecord.micros(occurredAt),
                DecisionRecord.micros(receivedAt));
    }
}
