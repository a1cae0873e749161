package io.consentinel.security;

import io.consentinel.control.ControlClock;
import io.consentinel.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API request by its bearer key and checks the handler's {@link Allowed} roles.
 * It first catches up with the control clock, so a key revoked on another node fails here at once.
 */
@Component
class AuthenticationInterceptor implements HandlerInterceptor {

    static final String CALLER = Caller.class.getName();

    private final KeyRegistry registry;
    private final ControlClock clock;

    AuthenticationInterceptor(KeyRegistry registry, ControlClock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        clock.catchUp();
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw unauthorized("A bearer API key is required");
        }
        Caller caller = registry.recognise(header.substring(7).trim())
                .orElseThrow(() -> unauthorized("The API key is unknown or revoked"));
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = method.getBeanType().getAnnotation(Allowed.class);
        }
        if (allowed == null || Arrays.stream(allowed.value()).noneMatch(role -> role == caller.role())) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The " + caller.role().wireName() + " role may not do this");
        }
        request.setAttribute(CALLER, caller);
        return true;
    }

    private static ProblemException unauthorized(String detail) {
        ProblemException problem = new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        problem.getHeaders().set("WWW-Authenticate", "Bearer");
        return problem;
    }
}
