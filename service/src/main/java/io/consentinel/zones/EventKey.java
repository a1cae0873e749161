package io.consentinel.zones;

import java.util.UUID;

/**
 * What makes an event a retry of another: the same event id from the same app (the {@code events} and
 * {@code decisions} tables' unique key). Ingestion, the group writer and its look-up of committed decisions
 * all compare events by this one key.
 */
public record EventKey(String appId, UUID eventId) {

    public static EventKey of(DecisionRecord decision) {
        return new EventKey(decision.appId(), decision.eventId());
    }
}
