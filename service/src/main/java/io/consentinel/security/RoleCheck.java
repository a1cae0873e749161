package io.consentinel.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Grants an API request when the caller's role is among the {@link Allowed} roles of the handler that
 * serves it; a handler without {@code @Allowed} is denied to everyone. It runs as the dispatcher's first
 * interceptor: after Spring MVC has picked the handler, which it does once per request, and before the
 * handler's arguments (the body among them) are read. A request that no handler serves (an unknown route,
 * a wrong method or media type) never gets here, so Spring MVC answers it with its 404, 405 or 415 problem,
 * whether or not a key was presented.
 *
 * <p>Checking in the security filter chain instead meant looking the handler up a second time for every
 * request, 6% of a consent append's CPU (docs/BENCHMARKS.md).
 */
final class RoleCheck implements HandlerInterceptor {

    private final Map<HandlerKey, Optional<List<Role>>> roles = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // An async dispatch (a streamed export) or an error dispatch continues a request checked when it came in.
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        Caller caller = SecurityWebConfiguration.current();
        if (caller == null) {
            throw ProblemResponses.unauthorized(request, "A bearer API key is required");
        }
        Optional<List<Role>> allowed = roles.computeIfAbsent(
                new HandlerKey(method.getBeanType(), method.getMethod()), key -> HandlerRoles.of(method));
        if (allowed.isEmpty() || !allowed.get().contains(caller.role())) {
            throw ProblemResponses.forbidden(caller);
        }
        return true;
    }

    /** The class-level {@code @Allowed} counts too, so the controller's type is part of the key. */
    private record HandlerKey(Class<?> beanType, Method method) {}
}
