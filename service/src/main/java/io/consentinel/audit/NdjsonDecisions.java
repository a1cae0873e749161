package io.consentinel.audit;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** Newline-delimited JSON: each decision is one line, exactly as an item of the decision list. */
final class NdjsonDecisions implements ExportFormat.DecisionWriter {

    private final OutputStream out;
    private final ObjectWriter writer;

    NdjsonDecisions(OutputStream out, JsonMapper json) {
        this.out = out;
        this.writer = json.writerFor(DecisionItem.class);
    }

    @Override
    public void write(DecisionItem item) throws IOException {
        out.write(writer.writeValueAsBytes(item));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }
}
