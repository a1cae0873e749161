package io.consentinel.zones;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decision waiting to be chained and written, with what is stored of its event: {@code storedAttributes}
 * is null when nothing is stored (a rejection). Its writer confirms {@code basis} before the commit.
 */
public record PendingDecision(
        DecisionRecord decision, ObjectNode storedAttributes, Instant expiresAt, DecisionBasis basis) {

    /** A decision made after its request caught up with the change log. */
    public PendingDecision(DecisionRecord decision, ObjectNode storedAttributes, Instant expiresAt) {
        this(decision, storedAttributes, expiresAt, DecisionBasis.CAUGHT_UP);
    }

    EventKey key() {
        return EventKey.of(decision);
    }
}
