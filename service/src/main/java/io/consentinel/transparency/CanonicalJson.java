package io.consentinel.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 (JCS) canonical JSON, the bytes of every leaf: what an outsider recomputes from an entry.
 *
 * <p>Entries hold only strings, whole numbers, booleans, nulls, arrays and objects, which this writes
 * straight from the tree: members sorted by their names' UTF-16 code units, strings with only the escapes
 * JCS allows, whole numbers in plain decimal. It runs under the store's head lock for every decision, where
 * serialising and re-parsing for a general canonicaliser cost several times more. Any other number (a
 * fraction) goes to the erdtman canonicaliser, which {@code CanonicalJsonTests} holds this writer to.
 */
public final class CanonicalJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Integers beyond 2^53 are not exact in JCS's IEEE 754 numbers; leave them to the general path. */
    private static final long MAX_EXACT = 1L << 53;

    private CanonicalJson() {}

    public static byte[] bytes(JsonNode entry) {
        StringBuilder out = new StringBuilder(512);
        if (!write(entry, out)) {
            return general(entry);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** False when the tree holds something only the general canonicaliser writes. */
    private static boolean write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isIntegralNumber() && node.canConvertToLong() && Math.abs(node.longValue()) <= MAX_EXACT) {
            out.append(node.longValue());
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (!write(node.get(i), out)) {
                    return false;
                }
            }
            out.append(']');
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 section 3.2.3 sorts.
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                if (!write(members.get(i).getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else {
            return false;
        }
        return true;
    }

    /**
     * One string as RFC 8785 section 3.2.2.2 writes it (ECMAScript's JSON.stringify escapes and nothing
     * else), for writers of entries whose shape is fixed.
     */
    public static void string(String value, StringBuilder out) {
        out.append('"');
        // Runs without a character to escape go in one copy: per-character appends were a tenth of the
        // batch writer's time, and almost every string in an entry has nothing to escape.
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, run, value.length());
        out.append('"');
    }

    private static byte[] general(JsonNode entry) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(entry)).getEncodedUTF8();
        } catch (IOException e) {
            throw new IllegalStateException("an entry could not be canonicalised", e);
        }
    }

    static byte[] viaGeneralCanonicaliser(JsonNode entry) {
        return general(entry);
    }
}
