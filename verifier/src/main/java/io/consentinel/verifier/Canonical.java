package io.consentinel.verifier;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;

/** A log leaf: the RFC 8785 (JCS) canonical JSON of its entry, recomputed here from what was served. */
final class Canonical {

    private Canonical() {}

    static byte[] leaf(JsonNode entry) {
        try {
            return new JsonCanonicalizer(entry.toString()).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalArgumentException("an entry is not valid JSON", e);
        }
    }
}
