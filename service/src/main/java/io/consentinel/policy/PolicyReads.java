package io.consentinel.policy;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy API's reads for the officer console, run exactly as {@code GET /v1/policy},
 * {@code /v1/policy/versions} and {@code /v1/policy/versions/{version}} run them.
 */
@Component
public class PolicyReads {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final PolicyController policies;
    private final JsonMapper json;

    PolicyReads(PolicyController policies, JsonMapper json) {
        this.policies = policies;
        this.json = json;
    }

    /** The active document, with {@code version} and {@code activatedAt}. */
    public JsonNode active() {
        return policies.active();
    }

    /** Every version, newest activation first: {@code version}, {@code createdAt}, {@code activatedAt}, {@code active}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> versions() {
        return (List<Map<String, Object>>)
                json.convertValue(policies.versions(), MAP).get("versions");
    }

    /** One version's document; an unknown version is a 404 problem. */
    public JsonNode version(String version) {
        return policies.version(version);
    }
}
