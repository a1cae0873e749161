package io.consentinel.policy;

import java.util.Objects;

/**
 * One mistake in a policy document: where it is, as an RFC 6901 JSON pointer into the document
 * ({@code ""} for the whole document), and what is wrong. Details may name policy keys, never values
 * of events.
 */
public record PolicyProblem(String pointer, String detail) {

    public PolicyProblem {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(detail, "detail");
    }
}
