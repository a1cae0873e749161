package io.consentinel.zones;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decision waiting to be chained and written, with what is stored of its event: {@code storedAttributes}
 * is null when nothing is stored (a rejection).
 */
public record PendingDecision(DecisionRecord decision, ObjectNode storedAttributes, Instant expiresAt) {

    EventKey key() {
        return EventKey.of(decision);
    }
}
