package io.consentinel.web;

import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Raised while streaming a body past the configured size, so the rest is never read into memory. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("request body exceeds the configured limit");
    }

    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The request body exceeds the configured limit");
        problem.setType(URI.create(ProblemException.TYPE_BASE + "too-large"));
        problem.setTitle("Request too large");
        return problem;
    }
}
