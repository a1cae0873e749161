package io.consentinel.events;

import io.consentinel.security.Caller;
import io.consentinel.security.DirectRoute;
import java.lang.reflect.Method;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/events} and {@code POST /v1/events/batch} on the direct path: {@link EventController}, as is. */
@Configuration(proxyBeanMethods = false)
class EventRoutes {

    @Bean
    DirectRoute singleEvent(EventController controller) {
        return new Fixed("/v1/events", handler("single")) {
            @Override
            public Answer serve(String none, JsonNode body, Caller caller) {
                return new Answer(HttpStatus.OK.value(), controller.single(body, caller));
            }
        };
    }

    @Bean
    DirectRoute eventBatch(EventController controller) {
        return new Fixed("/v1/events/batch", handler("batch")) {
            @Override
            public Answer serve(String none, JsonNode body, Caller caller) {
                return new Answer(HttpStatus.OK.value(), controller.batch(body, caller));
            }
        };
    }

    private static Method handler(String name) {
        try {
            return EventController.class.getDeclaredMethod(name, JsonNode.class, Caller.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("EventController." + name + " changed; change its route with it", e);
        }
    }

    /** A route whose path has no variable. */
    private abstract static class Fixed implements DirectRoute {

        private final String path;
        private final Method handler;

        Fixed(String path, Method handler) {
            this.path = path;
            this.handler = handler;
        }

        @Override
        public Method handler() {
            return handler;
        }

        @Override
        public String pattern() {
            return path;
        }

        @Override
        public String match(String requestPath) {
            return path.equals(requestPath) ? "" : null;
        }
    }
}
