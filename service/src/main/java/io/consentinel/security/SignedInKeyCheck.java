package io.consentinel.security;

import io.consentinel.control.ControlClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * On every console request, asks again whether the signed-in key is still valid, after catching up with
 * the control clock: a key revoked on any node ends its console sessions at once, on every replica.
 */
final class SignedInKeyCheck extends OncePerRequestFilter {

    private final KeyRegistry registry;
    private final ControlClock clock;
    private final HandlerExceptionResolver problems;

    SignedInKeyCheck(KeyRegistry registry, ControlClock clock, HandlerExceptionResolver problems) {
        this.registry = registry;
        this.clock = clock;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn instanceof ApiKeyAuthentication key && key.caller() != null) {
            Optional<Caller> now;
            try {
                clock.catchUp();
                now = registry.recogniseHash(key.keyHash());
            } catch (RuntimeException storeDown) {
                problems.resolveException(request, response, null, storeDown);
                return;
            }
            if (now.isEmpty() || !now.get().equals(key.caller())) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
        }
        chain.doFilter(request, response);
    }
}
