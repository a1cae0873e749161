package io.consentinel.decision;

import java.util.Objects;

/**
 * One field that was not kept as it came. {@code path} is the policy path pattern
 * ({@code tracks[].artist}), never a value; {@code category} is null for an unclassified field;
 * {@code action} is the operator's wire name.
 */
public record FieldAction(String path, String category, String action, Reason reason) {

    public FieldAction {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }
}
