package io.consentinel.security;

import java.lang.reflect.Method;
import tools.jackson.databind.JsonNode;

/**
 * A {@code POST} API operation that {@link DirectRoutes} may serve before Spring Security's filter chain
 * and Spring MVC, for the hot paths where those took half of the service's CPU (docs/BENCHMARKS.md). The
 * controller stays the reference: a route serves only a plainly well-formed request, and does exactly what
 * the controller method it names would; everything else goes on to that controller.
 */
public interface DirectRoute {

    /** The controller method this route stands for: its {@code @Allowed} roles apply here too. */
    Method handler();

    /** The controller's path pattern, as metrics name the request. */
    String pattern();

    /**
     * The path's one variable ({@code ""} for a pattern without one) when the request path is this route's,
     * else null. Only plain paths match: the variable is never percent-encoded.
     */
    String match(String path);

    /**
     * Whether everything this route writes is confirmed before its commit, against every change committed
     * on any node before the request arrived (as the zone writers confirm events: zones.DecisionBasis). Such
     * a route's key is recognised from this node's cache without catching up first; the route confirms it
     * through {@link KeyConfirmations}.
     */
    default boolean confirmedBeforeCommit() {
        return false;
    }

    /** What the controller method answers for this caller and JSON object body; throws what it would throw. */
    Answer serve(String pathVariable, JsonNode body, Caller caller);

    /** The status and the body, written as Spring MVC writes the controller's return value. */
    record Answer(int status, Object body) {}
}
