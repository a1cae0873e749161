package io.consentinel.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request that failed validation: every problem is listed, each with a JSON pointer. */
public class InvalidRequestException extends ProblemException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(HttpStatus.BAD_REQUEST, body(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static ProblemDetail body(List<Violation> violations) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Validation failed",
                violations.size() == 1 ? "1 problem in the request" : violations.size() + " problems in the request");
        problem.setProperty("errors", violations);
        return problem;
    }
}
