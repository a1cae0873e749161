package io.consentinel.security;

import org.springframework.http.HttpStatus;
import io.consentinel.web.ProblemException;

/** The authenticated key behind a request. */
public record Caller(String keyId, Role role, String appId) {

    public static final String BOOTSTRAP_KEY_ID = "bootstrap";

    /** An app key may only act for its own app; other roles are not app-bound here. */
    public void requireActsFor(String appId) {
        if (role == Role.APP && !this.appId.equals(appId)) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "This key may only act for its own app");
        }
    }
}
