package io.consentinel.policy;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads policy text, YAML or JSON (YAML 1.2 reads JSON too), into a tree. */
public final class PolicyDocuments {

    // Duplicate keys are refused: with "last one wins" a second, forgotten entry would silently override the first.
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyDocuments() {}

    /**
     * The document as a tree.
     *
     * @throws PolicySyntaxException when the text is not YAML or JSON, with only the line and column
     */
    public static JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            throw new PolicySyntaxException(new PolicyProblem("", "the policy document is empty"));
        }
        try {
            return MAPPER.readTree(text);
        } catch (JacksonException e) {
            // The parser's own message quotes the offending text; only its position is repeated here.
            String what = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")
                    ? "the policy document has a duplicate key"
                    : "the policy document is not valid YAML or JSON";
            throw new PolicySyntaxException(new PolicyProblem("", what + where(e.getLocation())));
        }
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
