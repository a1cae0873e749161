package io.consentinel.security;

import io.consentinel.control.ControlClock;
import io.consentinel.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every API request by its bearer key (or, under {@code /compat/}, the HTTP Basic user
 * name the analytics SDKs send) and checks the handler's {@link Allowed} roles.
 * It first catches up with the control clock, so a key revoked on another node fails here at once.
 */
@Component
class AuthenticationInterceptor implements HandlerInterceptor {

    static final String CALLER = Caller.class.getName();
    /** Where SDKs that only speak HTTP Basic (Segment's and RudderStack's) send their write key. */
    static final String BASIC_PATHS = "/compat/";

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
        boolean basicAllowed = request.getRequestURI().startsWith(request.getContextPath() + BASIC_PATHS);
        String key = bearerKey(request.getHeader("Authorization"));
        if (key == null && basicAllowed) {
            key = basicUserName(request.getHeader("Authorization"));
        }
        if (key == null) {
            throw unauthorized(basicAllowed
                    ? "An API key is required, as the HTTP Basic user name (empty password) or a bearer key"
                    : "A bearer API key is required", basicAllowed);
        }
        Caller caller = registry.recognise(key)
                .orElseThrow(() -> unauthorized("The API key is unknown or revoked", basicAllowed));
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

    private static String bearerKey(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return null;
        }
        return header.substring(7).trim();
    }

    /**
     * The analytics SDKs send their write key as HTTP Basic credentials: the key as user name and an
     * empty password. Anything else in the password means the caller meant some other scheme: refused.
     */
    private static String basicUserName(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = credentials.indexOf(':');
        String user = colon < 0 ? credentials : credentials.substring(0, colon);
        boolean emptyPassword = colon < 0 || colon == credentials.length() - 1;
        return emptyPassword && !user.isBlank() ? user : null;
    }

    private static ProblemException unauthorized(String detail, boolean basicAllowed) {
        ProblemException problem = new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        problem.getHeaders().set("WWW-Authenticate", basicAllowed ? "Basic realm=\"consentinel\", Bearer" : "Bearer");
        return problem;
    }
}
