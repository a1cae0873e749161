package io.consentinel.zones;

/**
 * A request's decisions were made on cached data that a change committed elsewhere has since replaced;
 * none of them was written. The caller catches up and decides them again ({@link DecisionBasis}).
 */
public class StaleDecision extends RuntimeException {

    StaleDecision() {
        super("decided on data changed elsewhere; nothing was written", null, false, false);
    }
}
