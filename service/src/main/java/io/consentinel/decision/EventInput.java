package io.consentinel.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * One telemetry event as the engine sees it, already validated by the caller. {@code jurisdiction}
 * is nullable: it is only used when the subject has no consent record. {@code deniedInBand} names the
 * consent categories the message itself denies (Segment's {@code categoryPreferences}, RudderStack's
 * {@code deniedConsentIds}); the policy's {@code inBandConsent} turns them into purposes, which can
 * only narrow what the ledger grants. The engine never mutates {@code attributes}.
 */
public record EventInput(
        String eventId,
        String appId,
        String subjectId,
        String type,
        Instant occurredAt,
        String jurisdiction,
        ObjectNode attributes,
        Set<String> deniedInBand) {

    public EventInput {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(attributes, "attributes");
        deniedInBand = deniedInBand == null || deniedInBand.isEmpty() ? Set.of() : Set.copyOf(deniedInBand);
    }

    /** An event that carries no consent of its own, as every {@code POST /v1/events} event. */
    public EventInput(
            String eventId,
            String appId,
            String subjectId,
            String type,
            Instant occurredAt,
            String jurisdiction,
            ObjectNode attributes) {
        this(eventId, appId, subjectId, type, occurredAt, jurisdiction, attributes, Set.of());
    }
}
