package io.consentinel.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * The one place that reads a handler's {@link Allowed} roles: the authorisation check and the OpenAPI
 * description must never disagree on who may call an operation.
 */
public final class HandlerRoles {

    private HandlerRoles() {}

    /** The roles on the method, else on its controller; empty when neither carries {@code @Allowed}. */
    public static Optional<List<Role>> of(HandlerMethod handler) {
        return of(handler.getBeanType(), handler.getMethod());
    }

    /** As {@link #of(HandlerMethod)}, for a controller method that Spring MVC has not looked up. */
    static Optional<List<Role>> of(Class<?> controller, Method method) {
        Allowed allowed = AnnotatedElementUtils.findMergedAnnotation(method, Allowed.class);
        if (allowed == null) {
            allowed = controller.getAnnotation(Allowed.class);
        }
        return Optional.ofNullable(allowed).map(found -> List.of(found.value()));
    }
}
