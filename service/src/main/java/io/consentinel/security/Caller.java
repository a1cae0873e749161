package io.consentinel.security;

import io.consentinel.web.ProblemException;
import java.io.Serializable;
import org.springframework.http.HttpStatus;

/**
 * The authenticated key behind a request. It is serializable because a console sign-in keeps it in the
 * shared session store.
 */
public record Caller(String keyId, Role role, String appId) implements Serializable {

    public static final String BOOTSTRAP_KEY_ID = "bootstrap";

    /** An app key may only act for its own app; other roles are not app-bound here. */
    public void requireActsFor(String appId) {
        if (role == Role.APP && !this.appId.equals(appId)) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This key may only act for its own app");
        }
    }
}
