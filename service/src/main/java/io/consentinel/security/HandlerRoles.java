package io.consentinel.security;

import java.util.List;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;

/**
 * The one place that reads a handler's {@link Allowed} roles: the authorisation check and the OpenAPI
 * description must never disagree on who may call an operation.
 */
public final class HandlerRoles {

    private HandlerRoles() {}

    /** The roles on the method, else on its controller; empty when neither carries {@code @Allowed}. */
    public static Optional<List<Role>> of(HandlerMethod handler) {
        Allowed allowed = handler.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = handler.getBeanType().getAnnotation(Allowed.class);
        }
        return Optional.ofNullable(allowed).map(found -> List.of(found.value()));
    }
}
