package io.consentinel.zones;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: columns separated by a tab, rows ended by a
 * newline, {@code \N} for null, and a backslash before every backslash, newline, carriage return and tab in
 * a value. Arrays use the array literal syntax with every element quoted; bytea uses the hex form.
 *
 * <p>The group commit writes big groups this way because the server parses one COPY stream more cheaply
 * than the same rows as parameters of multi-row inserts.
 */
final class CopyText {

    private static final HexFormat HEX = HexFormat.of();

    /** Where full chunks go: the server, during a COPY. */
    interface Sink {
        void write(byte[] bytes) throws SQLException;
    }

    /** A sink's failure, carried out of row writing; {@link #getCause()} is the SQLException. */
    static final class SinkFailed extends RuntimeException {
        SinkFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /**
     * Rows are sent in chunks of about this many characters, never as one buffer per group: a group of
     * 1000 events is about a megabyte of text, which G1 would allocate as humongous objects straight into
     * the old generation, starting a concurrent marking cycle every few groups.
     */
    static final int CHUNK_CHARS = 32 * 1024;

    private final StringBuilder out;
    private final Sink sink;
    private final JsonText json;
    private boolean rowStarted;

    /** Rows kept in memory, for {@link #toString()}. */
    CopyText(int expectedChars) {
        out = new StringBuilder(expectedChars);
        sink = null;
        json = new JsonText(out, true);
    }

    /** Rows sent to {@code sink} a chunk at a time; call {@link #flush()} after the last row. */
    CopyText(Sink sink) {
        out = new StringBuilder(CHUNK_CHARS + CHUNK_CHARS / 2);
        this.sink = sink;
        json = new JsonText(out, true);
    }

    CopyText text(String value) {
        separate();
        if (value == null) {
            out.append("\\N");
        } else {
            escaped(value, 0, value.length());
        }
        return this;
    }

    CopyText number(long value) {
        separate();
        out.append(value);
        return this;
    }

    CopyText uuid(UUID value) {
        return text(value == null ? null : value.toString());
    }

    /** ISO 8601 in UTC with microseconds, which timestamptz reads exactly (instants here are whole microseconds). */
    CopyText instant(Instant value) {
        separate();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        if (!UtcDateTimes.append(value.getEpochSecond(), 1, out)) {
            out.append(value); // never on the ingest path: times are validated RFC 3339 with four-digit years
            return this;
        }
        out.append('.');
        UtcDateTimes.digits(value.getNano() / 1_000, 6, out);
        out.append('Z');
        return this;
    }

    /** A text[] literal, every element quoted, so no element can be read as NULL or split. */
    CopyText textArray(List<String> values) {
        separate();
        if (values == null) {
            out.append("\\N");
            return this;
        }
        out.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                out.append("NULL");
                continue;
            }
            out.append('"');
            // The text between the array literal's own escapes goes through escaped(String, int, int) in runs.
            int run = 0;
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                if (c == '"' || c == '\\') {
                    escaped(value, run, k);
                    escaped('\\'); // the array literal's own escape, itself escaped for COPY
                    escaped(c);
                    run = k + 1;
                }
            }
            escaped(value, run, value.length());
            out.append('"');
        }
        out.append('}');
        return this;
    }

    CopyText bytea(byte[] value) {
        separate();
        if (value == null) {
            out.append("\\N");
        } else {
            out.append("\\\\x").append(HEX.formatHex(value)); // \x..., with its backslash escaped for COPY
        }
        return this;
    }

    /** A decision's fields as JSON text (a jsonb column), escaped as it is written. */
    CopyText jsonFields(List<DecisionRecord.Field> fields) {
        separate();
        json.fields(fields);
        return this;
    }

    /** A JSON tree as JSON text (a jsonb column), escaped as it is written. */
    CopyText json(JsonNode value) {
        separate();
        if (value == null) {
            out.append("\\N");
        } else {
            json.tree(value);
        }
        return this;
    }

    void endRow() {
        out.append('\n');
        rowStarted = false;
        if (sink != null && out.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    /** Sends what is buffered to the sink. */
    void flush() {
        if (sink == null || out.isEmpty()) {
            return;
        }
        byte[] chunk = out.toString().getBytes(StandardCharsets.UTF_8);
        out.setLength(0);
        try {
            sink.write(chunk);
        } catch (SQLException e) {
            throw new SinkFailed(e);
        }
    }

    /** Ends the row and returns everything written so far; for tests. */
    String endRowAndGet() {
        endRow();
        return out.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void separate() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }

    /** Appends text[from, to), escaped; runs without a special character go in one copy. */
    private void escaped(String text, int from, int to) {
        int run = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                out.append(text, run, i);
                escaped(c);
                run = i + 1;
            }
        }
        out.append(text, run, to);
    }

    private void escaped(char c) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append(c);
        }
    }
}
