package io.consentinel.decision;

import java.util.Objects;

/**
 * A class of data. With a {@code purpose}, a field of this category is kept only when that purpose
 * is granted, and otherwise gets {@code withoutConsent}, which defaults to {@code drop} so that a
 * forgotten operator fails closed. Without a purpose the field is always kept.
 */
public record Category(String name, String purpose, Operator withoutConsent) {

    public Category {
        Objects.requireNonNull(name, "name");
        if (withoutConsent == null) {
            withoutConsent = new Operator.Drop();
        }
    }

    /** A category that is always kept, such as technical data. */
    public static Category unconditional(String name) {
        return new Category(name, null, null);
    }
}
