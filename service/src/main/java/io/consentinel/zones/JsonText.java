package io.consentinel.zones;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The JSON text of a decision's fields and of an event's stored attributes, character for character as
 * {@link DecisionRows#JSON} writes it, straight into a row being built. Jackson costs the group commit a
 * serializer, a generator and a buffer per value, which for these small documents was more than the
 * writing: together about a quarter of the batch writer's samples. {@code JsonTextProperties} holds this to
 * Jackson.
 *
 * <p>For a COPY row ({@code forCopy}) every backslash is doubled. That is all the COPY text format needs
 * here: JSON text holds no raw tab, newline or carriage return (inside strings they are escaped), so the
 * only backslashes are those of JSON's own escapes.
 *
 * <p>A tree that holds anything besides objects, arrays, strings, booleans, nulls, whole numbers and
 * finite doubles (what parsing a request and the operators produce) is written by Jackson instead.
 */
final class JsonText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder out;
    private final boolean forCopy;
    private final String backslash;

    JsonText(StringBuilder out, boolean forCopy) {
        this.out = out;
        this.forCopy = forCopy;
        this.backslash = forCopy ? "\\\\" : "\\";
    }

    /** The fields' JSON text, for a statement parameter. */
    static String of(List<DecisionRecord.Field> fields) {
        StringBuilder text = new StringBuilder(16 + 96 * fields.size());
        new JsonText(text, false).fields(fields);
        return text.toString();
    }

    /** The tree's JSON text, for a statement parameter. */
    static String of(JsonNode node) {
        StringBuilder text = new StringBuilder(256);
        new JsonText(text, false).tree(node);
        return text.toString();
    }

    /** As {@code DecisionRows.JSON.writeValueAsString(fields)}: an array of objects with four members. */
    void fields(List<DecisionRecord.Field> fields) {
        out.append('[');
        for (int i = 0; i < fields.size(); i++) {
            DecisionRecord.Field field = fields.get(i);
            out.append(i == 0 ? "{\"path\":" : ",{\"path\":");
            stringOrNull(field.path());
            out.append(",\"category\":");
            stringOrNull(field.category());
            out.append(",\"action\":");
            stringOrNull(field.action());
            out.append(",\"reason\":");
            stringOrNull(field.reason());
            out.append('}');
        }
        out.append(']');
    }

    /** As {@code DecisionRows.JSON.writeValueAsString(node)}. */
    void tree(JsonNode node) {
        int start = out.length();
        if (!plain(node)) {
            out.setLength(start);
            String jackson = DecisionRows.JSON.writeValueAsString(node);
            out.append(forCopy ? jackson.replace("\\", "\\\\") : jackson);
        }
    }

    /** Writes the node; false, with part of it written, when it holds a kind only Jackson writes. */
    private boolean plain(JsonNode node) {
        switch (node.getNodeType()) {
            case STRING -> string(node.stringValue());
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            case NUMBER -> {
                if (node.isInt() || node.isLong() || node.isShort()) {
                    out.append(node.longValue());
                } else if (node.isBigInteger()) {
                    out.append(node.bigIntegerValue());
                } else if (node.isDouble() && Double.isFinite(node.doubleValue())) {
                    out.append(Double.toString(node.doubleValue()));
                } else {
                    return false; // floats, decimals, NaN and infinities: Jackson's own rules
                }
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!plain(node.get(i))) {
                        return false;
                    }
                }
                out.append(']');
            }
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(member.getKey());
                    out.append(':');
                    if (!plain(member.getValue())) {
                        return false;
                    }
                }
                out.append('}');
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void stringOrNull(String value) {
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
    }

    /** Jackson's escapes: a quote, a backslash and every control character; runs without one go in one copy. */
    private void string(String value) {
        out.append('"');
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, run, i).append(backslash);
            run = i + 1;
            switch (c) {
                case '"' -> out.append('"');
                case '\\' -> out.append(backslash);
                case '\b' -> out.append('b');
                case '\f' -> out.append('f');
                case '\n' -> out.append('n');
                case '\r' -> out.append('r');
                case '\t' -> out.append('t');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, run, value.length()).append('"');
    }
}
