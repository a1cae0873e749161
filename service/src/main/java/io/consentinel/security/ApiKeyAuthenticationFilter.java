package io.consentinel.security;

import io.consentinel.control.ControlClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Authenticates a request by the API key it presents. It first catches up with the control clock, so a
 * key revoked on another node fails here at once. A request without a key goes on anonymous, and the
 * authorization rules decide; a key that is presented but unknown, revoked or malformed is a 401 at once.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ControlClock clock;
    private final AuthenticationManager authentication;
    private final AuthenticationEntryPoint entryPoint;
    private final HandlerExceptionResolver problems;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyAuthenticationFilter(
            ControlClock clock,
            AuthenticationManager authentication,
            AuthenticationEntryPoint entryPoint,
            HandlerExceptionResolver problems) {
        this.clock = clock;
        this.authentication = authentication;
        this.entryPoint = entryPoint;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            clock.catchUp();
        } catch (RuntimeException storeDown) {
            // The control store is unreachable: the problem handler makes it a 503 with Retry-After.
            problems.resolveException(request, response, null, storeDown);
            return;
        }
        try {
            Optional<String> key = PresentedKeys.of(request);
            if (key.isPresent()) {
                Authentication authenticated =
                        authentication.authenticate(ApiKeyAuthentication.unauthenticated(key.get()));
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(authenticated);
                contexts.setContext(context);
            }
        } catch (AuthenticationException failed) {
            contexts.clearContext();
            entryPoint.commence(request, response, failed);
            return;
        } catch (RuntimeException storeDown) {
            problems.resolveException(request, response, null, storeDown);
            return;
        }
        chain.doFilter(request, response);
    }
}
