package io.consentinel.security;

import io.consentinel.control.ControlClock;
import java.util.function.BooleanSupplier;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Confirms the key of a request that {@link DirectRoutes} recognised from this node's cache without first
 * catching up with the change log (a route {@link DirectRoute#confirmedBeforeCommit confirmed before
 * commit}). A key recognised after catching up, by the filter chain or any other direct route, needs no
 * confirmation.
 */
@Component
public class KeyConfirmations {

    private static final BooleanSupplier CAUGHT_UP = () -> true;

    private final KeyRegistry keys;
    private final ControlClock clock;

    KeyConfirmations(KeyRegistry keys, ControlClock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** Whether the current request caught up with the change log before its key was recognised. */
    public boolean caughtUpOnArrival() {
        return recognisedFromCache() == null;
    }

    /**
     * For the current request's key: whether this node still recognises it as it did, asked again after a
     * catch-up. A revocation applied since evicts the key, and the answer turns false.
     */
    public BooleanSupplier stillRecognised() {
        ApiKeyAuthentication key = recognisedFromCache();
        if (key == null) {
            return CAUGHT_UP;
        }
        String hash = key.keyHash();
        Caller caller = key.caller();
        return () -> keys.stillRecognises(hash, caller);
    }

    /**
     * Catches up with the change log, then requires the current request's key to be recognised still: a
     * 401, as the filter chain answers an unknown or revoked key, when it is not. After this the request is
     * as one that caught up on arrival.
     */
    public void catchUpAndReconfirm() {
        clock.catchUp();
        ApiKeyAuthentication key = recognisedFromCache();
        if (key != null
                && !keys.recogniseHash(key.keyHash()).map(key.caller()::equals).orElse(false)) {
            throw ProblemResponses.unauthorized(false, "The API key is unknown or revoked");
        }
    }

    private static ApiKeyAuthentication recognisedFromCache() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ApiKeyAuthentication key && key.recognisedFromCache() ? key : null;
    }
}
