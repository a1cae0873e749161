package io.consentinel.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 4180 CSV: a header row, CRLF line ends, and a field quoted when it holds a comma, a quote, CR or LF,
 * with embedded quotes doubled. List columns are joined with ';' (reason codes and record ids never hold
 * one); {@code fields} is compact JSON. An absent value is an empty field.
 */
final class CsvDecisions implements ExportFormat.DecisionWriter {

    static final List<String> HEADER = List.of(
            "eventId",
            "outcome",
            "zone",
            "policyVersion",
            "reasons",
            "fields",
            "subjectId",
            "subjectRef",
            "appId",
            "type",
            "jurisdiction",
            "occurredAt",
            "receivedAt",
            "consentRecordIds",
            "sequence");
    private static final String CRLF = "\r\n";

    private final Writer out;
    private final JsonMapper json;

    CsvDecisions(OutputStream out, JsonMapper json) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        this.json = json;
        row(HEADER);
    }

    @Override
    public void write(DecisionItem item) throws IOException {
        row(List.of(
                item.eventId().toString(),
                item.outcome(),
                text(item.zone()),
                item.policyVersion(),
                String.join(";", item.reasons()),
                json.writeValueAsString(item.fields()),
                item.subjectId(),
                item.subjectRef(),
                item.appId(),
                item.type(),
                text(item.jurisdiction()),
                instant(item.occurredAt()),
                instant(item.receivedAt()),
                String.join(";", item.consentRecordIds()),
                Long.toString(item.sequence())));
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    private void row(List<String> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i)));
        }
        out.write(CRLF);
    }

    static String field(String value) {
        boolean quote = value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String instant(Instant value) {
        return value.toString();
    }
}
