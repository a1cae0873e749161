package io.consentinel.events;

import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/policy/evaluate} for the officer console's dry-run form: the same evaluation, nothing stored. */
@Component
public class DryRun {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final EvaluateController evaluate;
    private final JsonMapper json;

    DryRun(EvaluateController evaluate, JsonMapper json) {
        this.evaluate = evaluate;
        this.json = json;
    }

    /** The decision {@code body} ({@code {"event": ..., "policy": optional draft}}) would get now. */
    public Map<String, Object> evaluate(JsonNode body) {
        return json.convertValue(evaluate.evaluate(body), MAP);
    }
}
