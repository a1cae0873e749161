package io.consentinel.decision;

/**
 * Why an event or a field was not kept as it came. The constant name is the wire name and part of
 * the public contract: add new constants, never rename one.
 */
public enum Reason {
    EVENT_TYPE_UNKNOWN,
    JURISDICTION_UNKNOWN,
    JURISDICTION_UNSUPPORTED,
    RESIDENCY_UNAVAILABLE,
    CONSENT_MISSING,
    CONSENT_WITHDRAWN,
    CONSENT_EXPIRED,
    CHILD_PROTECTED,
    UNCLASSIFIED_FIELD,
    INVALID_VALUE,
    /** A purpose granted in the ledger but denied by consent carried in the message itself. */
    CONSENT_DENIED_IN_BAND,
    /** The purpose is granted, yet the category's {@code withConsent} action still applies. */
    MINIMISED
}
