package io.consentinel.decision;

import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's verdict on one event. {@code storedAttributes} is what may be written (null when
 * rejected); it shares unchanged subtrees with the input, so treat both trees as read-only.
 * {@code zone} and {@code jurisdiction} are filled whenever they could be resolved, even for a
 * rejection, so that a rejected decision can be audited in its zone.
 */
public record Decision(
        Outcome outcome,
        String zone,
        String jurisdiction,
        List<Reason> reasons,
        List<FieldAction> fields,
        ObjectNode storedAttributes,
        List<String> consentRecordIds,
        String policyVersion,
        Integer retentionDays) {

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        fields = List.copyOf(fields);
        consentRecordIds = List.copyOf(consentRecordIds);
        if (outcome == Outcome.REJECTED && storedAttributes != null) {
            throw new IllegalArgumentException("a rejected decision stores nothing");
        }
    }

    public boolean rejected() {
        return outcome == Outcome.REJECTED;
    }
}
