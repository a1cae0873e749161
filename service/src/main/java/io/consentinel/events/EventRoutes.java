package io.consentinel.events;

import io.consentinel.security.Caller;
import io.consentinel.security.DirectRoute;
import java.lang.reflect.Method;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/events} and {@code POST /v1/events/batch} on the direct path: {@link EventController}, as is. */
@Configuration(proxyBeanMethods = false)
class EventRoutes {

    @Bean
    DirectRoute singleEvent(EventController controller) {
        // A single event's key and cached consent are confirmed by its zone writer, once per group, instead
        // of each request catching up with the change log before deciding (zones.DecisionBasis).
        return new Fixed("/v1/events", handler("single"), controller::single, true);
    }

    @Bean
    DirectRoute eventBatch(EventController controller) {
        // A batch may go to several stores, which confirm apart; it catches up once on arrival instead.
        return new Fixed("/v1/events/batch", handler("batch"), controller::batch, false);
    }

    private static Method handler(String name) {
        try {
            return EventController.class.getDeclaredMethod(name, JsonNode.class, Caller.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("EventController." + name + " changed; change its route with it", e);
        }
    }

    /** A route whose path has no variable, answered 200 with what the controller method returns. */
    private record Fixed(
            String pattern,
            Method handler,
            BiFunction<JsonNode, Caller, Object> controller,
            boolean confirmedBeforeCommit)
            implements DirectRoute {

        @Override
        public String match(String requestPath) {
            return pattern.equals(requestPath) ? "" : null;
        }

        @Override
        public Answer serve(String none, JsonNode body, Caller caller) {
            return new Answer(HttpStatus.OK.value(), controller.apply(body, caller));
        }
    }
}
