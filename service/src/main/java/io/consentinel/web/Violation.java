package io.consentinel.web;

/** One validation problem: where (an RFC 6901 pointer into the request) and what. */
public record Violation(String pointer, String detail) {

    public Violation prefixed(String pointerPrefix) {
        return new Violation(pointerPrefix + pointer, detail);
    }
}
