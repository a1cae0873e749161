package io.consentinel.decision;

import java.util.Locale;

/** What happened to an event as a whole. */
public enum Outcome {
    ACCEPTED,
    ANONYMISED,
    REJECTED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** @throws IllegalArgumentException when the name is not an outcome */
    public static Outcome fromWire(String wireName) {
        for (Outcome outcome : values()) {
            if (outcome.wireName.equals(wireName)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome: " + wireName);
    }
}
