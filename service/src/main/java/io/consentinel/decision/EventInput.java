package io.consentinel.decision;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One telemetry event as the engine sees it, already validated by the caller. {@code jurisdiction}
 * is nullable: it is only used when the subject has no consent record. The engine never mutates
 * {@code attributes}.
 */
public record EventInput(
        String eventId,
        String appId,
        String subjectId,
        String type,
        Instant occurredAt,
        String jurisdiction,
        ObjectNode attributes) {

    public EventInput {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(attributes, "attributes");
    }
}
