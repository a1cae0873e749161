package io.consentinel.consent;

import io.consentinel.security.Caller;
import io.consentinel.security.DirectRoute;
import io.consentinel.web.PlainSegments;
import java.lang.reflect.Method;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/subjects/{subjectId}/consents} on the direct path: {@link ConsentController#append}, as is. */
@Component
class ConsentAppendRoute implements DirectRoute {

    private static final String PREFIX = "/v1/subjects/";
    private static final String SUFFIX = "/consents";

    private final ConsentController controller;

    ConsentAppendRoute(ConsentController controller) {
        this.controller = controller;
    }

    @Override
    public Method handler() {
        try {
            return ConsentController.class.getDeclaredMethod("append", String.class, JsonNode.class, Caller.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ConsentController.append changed; change this route with it", e);
        }
    }

    @Override
    public String pattern() {
        return "/v1/subjects/{subjectId}/consents";
    }

    @Override
    public String match(String path) {
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
            return null;
        }
        String subjectId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return PlainSegments.isPlain(subjectId) ? subjectId : null;
    }

    @Override
    public Answer serve(String subjectId, JsonNode body, Caller caller) {
        return new Answer(HttpStatus.CREATED.value(), controller.append(subjectId, body, caller));
    }
}
