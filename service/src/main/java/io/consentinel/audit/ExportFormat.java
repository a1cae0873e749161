package io.consentinel.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** The formats an export can be written in. */
enum ExportFormat {
    NDJSON("ndjson", MediaType.parseMediaType("application/x-ndjson"), "decisions.ndjson"),
    CSV("csv", MediaType.parseMediaType("text/csv;charset=UTF-8;header=present"), "decisions.csv");

    final String wireName;
    final MediaType mediaType;
    final String fileName;

    ExportFormat(String wireName, MediaType mediaType, String fileName) {
        this.wireName = wireName;
        this.mediaType = mediaType;
        this.fileName = fileName;
    }

    static Optional<ExportFormat> fromWire(String name) {
        for (ExportFormat format : values()) {
            if (format.wireName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    DecisionWriter writer(OutputStream out, JsonMapper json) throws IOException {
        return switch (this) {
            case NDJSON -> new NdjsonDecisions(out, json);
            case CSV -> new CsvDecisions(out, json);
        };
    }

    /** Writes decisions one at a time; nothing is kept after it is written. */
    interface DecisionWriter {
        void write(DecisionItem item) throws IOException;

        /** Flushes what is buffered; the stream itself belongs to the container. */
        void finish() throws IOException;
    }
}
