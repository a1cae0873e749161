package io.consentinel.zones;

/** A decision as committed: chained, or the one committed earlier for the same app and event id. */
public record WrittenDecision(DecisionRecord decision, boolean duplicate) {}
