package io.consentinel.zones;

/**
 * What a pending decision was decided on, as far as a change made on another node could have changed it:
 * cached consent, the cached policy, a cached key. Its zone writer first catches up with every change
 * committed before the group was taken, and then asks this; a decision whose basis moved is not written
 * ({@link StaleDecision}) and is decided again. docs/DESIGN.md, "Confirmed before commit", gives the proof.
 */
@FunctionalInterface
public interface DecisionBasis {

    /** A decision made after its request caught up with the change log: nothing to confirm. */
    DecisionBasis CAUGHT_UP = () -> true;

    /** Whether this node still holds what the decision was made on; asked after the writer has caught up. */
    boolean stillCurrent();
}
