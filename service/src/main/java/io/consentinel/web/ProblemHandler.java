package io.consentinel.web;

import java.net.URI;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every error into RFC 9457 problem details. Parser messages are never passed through: they can
 * quote the offending input, which may be personal data.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "5";
    private static final URI ABOUT_BLANK = URI.create("about:blank");

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BodyTooLargeException.class)) {
            return handleExceptionInternal(
                    ex, BodyTooLargeException.problem(), headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        if (ex.getCause() instanceof MismatchedInputException mismatch) {
            // Valid JSON of the wrong shape for a typed body: one violation at its pointer, like every other.
            String pointer = pointer(mismatch.getPath());
            String detail = pointer.isEmpty() ? "the body must be a JSON object" : "has the wrong type";
            return handleExceptionInternal(
                    ex,
                    new InvalidRequestException(List.of(new Violation(pointer, detail))).getBody(),
                    headers,
                    HttpStatus.BAD_REQUEST,
                    request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
        problem.setType(URI.create(ProblemException.TYPE_BASE + "malformed-json"));
        problem.setTitle("Malformed request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A typed body that failed Bean Validation: the same problem as {@link Violations}, every field's problem
     * at its JSON pointer, never quoting the rejected value.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = ex.getBindingResult().getAllErrors().stream()
                .map(error -> new Violation(
                        error instanceof FieldError field ? Violations.pointerOf(field.getField()) : "",
                        error.getDefaultMessage()))
                .sorted(Violations.ORDER)
                .toList();
        return handleExceptionInternal(
                ex, new InvalidRequestException(violations).getBody(), headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String pointer(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JacksonException.Reference at : path) {
            pointer.append('/')
                    .append(at.getPropertyName() != null ? Violations.token(at.getPropertyName()) : at.getIndex());
        }
        return pointer.toString();
    }

    /** API.md requires a type on every problem; Spring leaves its own without one (about:blank). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || ABOUT_BLANK.equals(problem.getType()))) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String slug = known == null
                    ? "error"
                    : known.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            problem.setType(URI.create(ProblemException.TYPE_BASE + slug));
        }
        return response;
    }

    private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String unreadableDetail(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof StreamConstraintsException constraint) {
            // Jackson's constraint messages state the limit and the size, never the content.
            String message = constraint.getOriginalMessage();
            return message == null ? "The body exceeds a configured limit" : message;
        }
        if (cause instanceof StreamReadException read) {
            TokenStreamLocation at = read.getLocation();
            if (at != null && at.getLineNr() > 0) {
                return "The body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            }
            return "The body is not valid JSON";
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            return "A JSON body is required";
        }
        return "The body could not be read as the expected JSON document";
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(Exception ex) {
        // No connection in time: the store is down, or its pool is saturated. Either way, retry later.
        log.warn("A store is unreachable or saturated: {}", ex.getClass().getSimpleName());
        return StoreUnavailableException.response(
                new StoreUnavailableException("A store is unreachable or too busy; retry later").getBody());
    }

    /**
     * Too many parameters: {@link ParameterLimitFilter} refuses such requests first, but whatever asks
     * Tomcat for a parameter later gets the same client error, answered as one and never logged.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameters(InvalidParameterException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, EdgeProblems.detail(400));
        problem.setType(URI.create(ProblemException.TYPE_BASE + "bad-request"));
        problem.setTitle("Bad Request");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        // A bug is a 500, not a 400. Logged by type and stack only; the message may echo input.
        log.error("Unexpected error: {}", ex.getClass().getName(), withoutMessage(ex));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged");
        problem.setType(URI.create(ProblemException.TYPE_BASE + "internal"));
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private static Throwable withoutMessage(Throwable ex) {
        Throwable copy = new Throwable(ex.getClass().getName());
        copy.setStackTrace(ex.getStackTrace());
        return copy;
    }
}
