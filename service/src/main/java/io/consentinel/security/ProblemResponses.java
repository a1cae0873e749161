package io.consentinel.security;

import io.consentinel.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The API's 401 and 403 answers. They go through the same problem handler as every other error, so their
 * bodies are the same RFC 9457 documents the API has always answered.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver problems;

    ProblemResponses(HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failed) {
        // Only our own messages are shown: they never quote the presented key.
        String detail =
                failed instanceof BadCredentialsException ? failed.getMessage() : "A bearer API key is required";
        problems.resolveException(request, response, null, unauthorized(request, detail));
    }

    @Override
    public void handle(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException denied) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = authentication != null && authentication.getPrincipal() instanceof Caller known ? known : null;
        problems.resolveException(request, response, null, forbidden(caller));
    }

    /** A 401 with the challenge for the schemes this path takes. */
    static ProblemException unauthorized(HttpServletRequest request, String detail) {
        return unauthorized(PresentedKeys.isCompat(request), detail);
    }

    /** As above; {@code compat} for a path that also takes the SDKs' Basic credentials. */
    static ProblemException unauthorized(boolean compat, String detail) {
        ProblemException problem =
                new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        problem.getHeaders().set("WWW-Authenticate", compat ? "Bearer, Basic realm=\"consentinel\"" : "Bearer");
        return problem;
    }

    /** A 403 that names the caller's role, never its key. */
    static ProblemException forbidden(Caller caller) {
        String detail = caller != null
                ? "The " + caller.role().wireName() + " role may not do this"
                : "This key may not do this";
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
