package io.consentinel.policy;

import io.consentinel.decision.Policy;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.Violation;
import tools.jackson.databind.JsonNode;

/** Compiles a draft policy for a dry run, without storing or activating it. */
public final class PolicyDrafts {

    private PolicyDrafts() {}

    /** The compiled draft, or a 400 listing every problem with pointers under {@code pointerPrefix}. */
    public static Policy compile(JsonNode document, String pointerPrefix) {
        try {
            return PolicyActivation.validated(document);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> new Violation(pointerPrefix + v.pointer(), v.detail()))
                    .toList());
        }
    }
}
