package io.consentinel.policy;

/** A policy text that is not valid YAML or JSON. Its message never quotes the text. */
public final class PolicySyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient PolicyProblem problem;

    PolicySyntaxException(PolicyProblem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    /** The problem, at pointer {@code ""}, ready to report. */
    public PolicyProblem problem() {
        return problem;
    }
}
