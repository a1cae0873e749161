package io.consentinel.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.consentinel.events.EventIntake;
import io.consentinel.events.EventResult;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OTLP/HTTP logs, JSON encoding: each log record is one event, decided like a {@code POST /v1/events}
 * event. The body is read into OTLP's own message types ({@code io.opentelemetry.proto}) with protobuf's
 * JSON format, which follows the OTLP/JSON rules (lowerCamelCase or original field names, integer enums,
 * 64-bit integers as strings), and unknown fields are ignored as OTLP requires of receivers.
 */
@RestController
@Allowed(Role.APP)
class OtlpLogsController {

    private static final JsonFormat.Parser OTLP_JSON = JsonFormat.parser().ignoringUnknownFields();

    private final EventIntake intake;
    private final ActivePolicy policy;
    private final RequestBodies bodies;
    private final IngestProperties limits;

    OtlpLogsController(EventIntake intake, ActivePolicy policy, RequestBodies bodies, IngestProperties limits) {
        this.intake = intake;
        this.policy = policy;
        this.bodies = bodies;
        this.limits = limits;
    }

    @Operation(summary = "OTLP/HTTP logs (JSON encoding)", description = "An ExportLogsServiceRequest, optionally gzip;"
            + " each log record becomes one event (docs/INTEGRATIONS.md). Protobuf is 415.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json")))
    @PostMapping(path = "/otlp/v1/logs", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> export(HttpServletRequest request, Caller caller) {
        requireJson(request.getContentType());
        byte[] body = bodies.readBytes(request, limits.otlp().maxBodyBytes());
        bodies.parse(request, body); // the service's JSON limits first: depth, string length, duplicate keys
        ExportLogsServiceRequest.Builder export = ExportLogsServiceRequest.newBuilder();
        try {
            OTLP_JSON.merge(new String(body, StandardCharsets.UTF_8), export);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            // The parser's message may quote the body, so it is not passed on.
            throw new ProblemException(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed request body",
                    "The body is not an OTLP/JSON ExportLogsServiceRequest");
        }
        Instant now = intake.now();
        OtlpLogRecords mapping = new OtlpLogRecords(policy.current(), caller.appId(), now);
        List<EventIntake.Item> items = new ArrayList<>();
        for (ResourceLogs resource : export.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord record : scope.getLogRecordsList()) {
                    items.add(mapping.map(record, resource.getResource().getAttributesList()));
                }
            }
        }
        List<EventResult> results = items.isEmpty() ? List.of() : intake.submit(items, caller, now, (i, v) -> v);
        return answer(results);
    }

    /**
     * OTLP's answer: {@code {}} when every record was stored as decided, else {@code partialSuccess}
     * counting the records not stored (rejected or invalid), with their reasons but never their values.
     */
    private static Map<String, Object> answer(List<EventResult> results) {
        int rejected = 0;
        Map<String, Integer> why = new TreeMap<>();
        for (EventResult result : results) {
            if (result.stored()) {
                continue;
            }
            rejected++;
            if (result.reasons() != null && !result.reasons().isEmpty()) {
                result.reasons().forEach(reason -> why.merge(reason, 1, Integer::sum));
            } else {
                why.merge("INVALID", 1, Integer::sum);
            }
        }
        if (rejected == 0) {
            return Map.of();
        }
        StringBuilder message = new StringBuilder()
                .append(rejected).append(" of ").append(results.size()).append(" log records were not stored:");
        why.forEach((reason, count) -> message.append(' ').append(reason).append('=').append(count));
        return Map.of("partialSuccess", Map.of("rejectedLogRecords", rejected, "errorMessage", message.toString()));
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.isWildcardSubtype()) {
            throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                    "Only the OTLP/HTTP JSON encoding (Content-Type: application/json) is accepted; configure the "
                            + "exporter for http/json rather than http/protobuf");
        }
    }
}
