package io.consentinel.decision;

import java.util.Objects;

/**
 * A class of data. With a {@code purpose}, a field of this category is kept only when that purpose
 * is granted, and otherwise gets {@code withoutConsent}, which defaults to {@code drop} so that a
 * forgotten operator fails closed. {@code withConsent} (default {@code keep}) is applied even when the
 * purpose is granted, for data minimisation: consent to analytics does not make a raw IMEI necessary.
 * Without a purpose the field is always kept.
 */
public record Category(String name, String purpose, Operator withoutConsent, Operator withConsent) {

    public Category {
        Objects.requireNonNull(name, "name");
        if (withoutConsent == null) {
            withoutConsent = new Operator.Drop();
        }
        if (withConsent == null) {
            withConsent = new Operator.Keep();
        }
    }

    /** A category kept as it comes whenever its purpose is granted. */
    public Category(String name, String purpose, Operator withoutConsent) {
        this(name, purpose, withoutConsent, null);
    }

    /** A category that is always kept, such as technical data. */
    public static Category unconditional(String name) {
        return new Category(name, null, null, null);
    }

    /** Whether a granted purpose still leaves the field changed. */
    public boolean minimised() {
        return !(withConsent instanceof Operator.Keep);
    }
}
