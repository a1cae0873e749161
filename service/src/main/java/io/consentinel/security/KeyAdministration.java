package io.consentinel.security;

import io.consentinel.web.Violations;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API-key endpoints for the officer console's Keys page (admins only), run exactly as
 * {@code /v1/api-keys} runs them, with the same validation, answers in the API's shape.
 */
@Component
public class KeyAdministration {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ApiKeyController keys;
    private final JsonMapper json;
    private final Validator validator;

    KeyAdministration(ApiKeyController keys, JsonMapper json, Validator validator) {
        this.keys = keys;
        this.json = json;
        this.validator = validator;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list() {
        return (List<Map<String, Object>>) json.convertValue(keys.list(), MAP).get("keys");
    }

    /** Issues a key; the answer's {@code key} is the only time the secret is ever shown. */
    public Map<String, Object> issue(JsonNode request) {
        KeyRequest typed = json.treeToValue(request, KeyRequest.class);
        // What @Valid does for /v1/api-keys, with the same problems at the same pointers.
        Violations.of(validator.validate(typed)).throwIfAny();
        return json.convertValue(keys.issue(typed).getBody(), MAP);
    }

    public void revoke(UUID id) {
        keys.revoke(id);
    }

    /** The wire names of every role, for the create form. */
    public List<String> roles() {
        return java.util.Arrays.stream(Role.values()).map(Role::wireName).toList();
    }
}
