package io.consentinel.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** A store that cannot be reached: 503 with Retry-After, and nothing was written. */
public class StoreUnavailableException extends ProblemException {

    public StoreUnavailableException(String detail) {
        this(detail, null);
    }

    public StoreUnavailableException(String detail, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable", detail, cause);
        getHeaders().set("Retry-After", ProblemHandler.RETRY_AFTER_SECONDS);
    }

    static ResponseEntity<ProblemDetail> response(ProblemDetail body) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", ProblemHandler.RETRY_AFTER_SECONDS)
                .body(body);
    }
}
