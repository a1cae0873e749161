package io.consentinel.audit;

import io.consentinel.web.Violations;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a listing stopped: per store, the sequence that the next page must stay below. Opaque to clients
 * (base64url of a JSON object). Sequences are commit order within a store, so a bound per store is enough
 * to never repeat or skip a decision, however many are written meanwhile.
 */
record PageCursor(Map<String, Long> before) {

    static final PageCursor FIRST = new PageCursor(Map.of());
    private static final int MAX_LENGTH = 4096;
    private static final TypeReference<TreeMap<String, Long>> SHAPE = new TypeReference<>() {};

    PageCursor {
        before = Collections.unmodifiableMap(new TreeMap<>(before));
    }

    /** The exclusive upper bound for {@code store}, or null when this listing has not reached it yet. */
    Long before(String store) {
        return before.get(store);
    }

    String encode(JsonMapper json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(before));
    }

    /** Parses a client's cursor; anything this API did not hand out is a problem at {@code /cursor}. */
    static PageCursor decode(String text, Set<String> stores, JsonMapper json, Violations violations) {
        if (text == null) {
            return FIRST;
        }
        try {
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            Map<String, Long> parsed = json.readValue(Base64.getUrlDecoder().decode(text), SHAPE);
            if (parsed == null) {
                throw new IllegalArgumentException("not an object");
            }
            Map<String, Long> before = new LinkedHashMap<>();
            parsed.forEach((store, sequence) -> {
                if (!stores.contains(store) || sequence == null || sequence < 1) {
                    throw new IllegalArgumentException("not a cursor of this deployment");
                }
                before.put(store, sequence);
            });
            return new PageCursor(before);
        } catch (IllegalArgumentException | JacksonException e) {
            violations.add("/cursor", "is not a cursor returned by this API");
            return FIRST;
        }
    }
}
