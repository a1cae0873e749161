package io.consentinel.policy;

import io.consentinel.decision.Policy;
import java.util.List;

/** The compiled policy when the document is valid; otherwise null and every problem found. */
public record PolicyParseResult(Policy policy, List<PolicyProblem> problems) {

    public PolicyParseResult {
        problems = List.copyOf(problems);
        if ((policy == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a result has either a policy or problems");
        }
    }

    public boolean valid() {
        return policy != null;
    }
}
