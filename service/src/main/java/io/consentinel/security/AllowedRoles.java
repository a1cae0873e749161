package io.consentinel.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Grants an API request when the caller's role is among the {@link Allowed} roles of the handler that
 * will serve it. A handler without {@code @Allowed} is denied to everyone. A request that no handler
 * serves (an unknown route, a wrong method or media type) is let through, so Spring MVC answers it with
 * its 404, 405 or 415 problem, as it did before the key was looked at.
 */
final class AllowedRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private final RequestMappingHandlerMapping handlers;

    AllowedRoles(RequestMappingHandlerMapping handlers) {
        this.handlers = handlers;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        HandlerMethod handler = handlerOf(context.getRequest());
        if (handler == null) {
            return new AuthorizationDecision(true);
        }
        Optional<List<Role>> allowed = HandlerRoles.of(handler);
        Authentication caller = authentication.get();
        if (allowed.isEmpty() || caller == null || !(caller.getPrincipal() instanceof Caller known)) {
            return new AuthorizationDecision(false);
        }
        return new AuthorizationDecision(allowed.get().contains(known.role()));
    }

    /** The handler method Spring MVC will pick, looked up on a copy of the request's attributes. */
    private HandlerMethod handlerOf(HttpServletRequest request) {
        HttpServletRequest isolated = new PrivateAttributes(request);
        ServletRequestPathUtils.parseAndCache(isolated);
        try {
            HandlerExecutionChain chain = handlers.getHandler(isolated);
            return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception noMatch) {
            // 405, 406, 415 and the like: no handler serves it, and Spring MVC will say why.
            return null;
        }
    }

    /**
     * The lookup writes request attributes (the matched pattern, URI variables, the parsed path); they stay
     * here, so the dispatcher later starts from the request exactly as it came.
     */
    private static final class PrivateAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        PrivateAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (attributes.containsKey(name)) {
                return attributes.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(attributes.keySet());
            return Collections.enumeration(names);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                removeAttribute(name);
            } else {
                attributes.put(name, value);
                removed.remove(name);
            }
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
            removed.add(name);
        }
    }
}
