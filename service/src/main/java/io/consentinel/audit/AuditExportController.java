package io.consentinel.audit;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.zones.ZoneStores;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** Streams every matching decision, with no cap, in constant memory. */
@RestController
@Allowed({Role.OFFICER, Role.ADMIN})
class AuditExportController {

    private static final Logger log = LoggerFactory.getLogger(AuditExportController.class);
    private static final Set<String> PARAMETERS = AuditDecisionsController.with(DecisionFilter.PARAMETERS, "format");

    private final ZoneStores stores;
    private final DecisionStream decisions;
    private final JsonMapper json;

    AuditExportController(ZoneStores stores, DecisionStream decisions, JsonMapper json) {
        this.stores = stores;
        this.decisions = decisions;
        this.json = json;
    }

    @GetMapping("/v1/audit/export")
    @Operation(summary = "Every matching decision, streamed", description = """
            format: ndjson (one decision per line, as in the list) or csv (RFC 4180, header row, CRLF, list \
            columns joined with ';', fields as compact JSON). Takes the list's filters; no limit, no cursor. \
            Newest first, as the list.""")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam MultiValueMap<String, String> query, HttpServletRequest request) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        DecisionFilter filter = DecisionFilter.from(parameters, stores);
        String formatName = parameters.text("format");
        Optional<ExportFormat> format = formatName == null ? Optional.empty() : ExportFormat.fromWire(formatName);
        if (formatName != null && format.isEmpty()) {
            parameters.violations().add("/format", "must be ndjson or csv");
        } else if (formatName == null) {
            parameters.violations().add("/format", "is required: ndjson or csv");
        }
        parameters.violations().throwIfAny();

        ExportFormat chosen = format.orElseThrow();
        ExportTimeouts.disableFor(request);
        DecisionStream.Open open = decisions.open(filter);
        StreamingResponseBody body = out -> {
            long written = 0;
            try (open) {
                ExportFormat.DecisionWriter writer = chosen.writer(out, json);
                while (open.hasNext()) {
                    writer.write(open.next());
                    written++;
                }
                writer.finish();
            } catch (RuntimeException e) {
                throw new ExportInterruptedException(e);
            } finally {
                log.info("Audit export ({}) ended after {} decisions", chosen.wireName, written);
            }
        };
        return ResponseEntity.ok()
                .contentType(chosen.mediaType)
                .header("Content-Disposition", attachment(chosen))
                .header("Cache-Control", "no-store")
                .body(body);
    }

    /**
     * Once rows are on the wire, an error can no longer become a problem document, and a body that simply
     * stopped would look complete. Rethrown, it reaches the container, which closes the connection without
     * ending the chunked body: the client sees a broken download.
     */
    @ExceptionHandler(ExportInterruptedException.class)
    void interrupted(ExportInterruptedException e) {
        log.warn("Audit export interrupted by {}", e.getCause().getClass().getSimpleName());
        throw e;
    }

    /** A failure after the export's response has started. */
    static final class ExportInterruptedException extends RuntimeException {
        ExportInterruptedException(RuntimeException cause) {
            super("The audit export was interrupted", cause);
        }
    }

    private static String attachment(ExportFormat format) {
        return ContentDisposition.attachment().filename(format.fileName).build().toString();
    }
}
