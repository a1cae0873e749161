package io.consentinel.transparency;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** RFC 8785 (JCS) canonical JSON, the bytes of every leaf: what an outsider recomputes from an entry. */
public final class CanonicalJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalJson() {}

    public static byte[] bytes(JsonNode entry) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(entry)).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalStateException("an entry could not be canonicalised", e);
        }
    }
}
