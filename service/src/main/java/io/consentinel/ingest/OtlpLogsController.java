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
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OTLP/HTTP logs: each log record is one event, decided like a {@code POST /v1/events} event. Both
 * encodings are read into OTLP's own message types ({@code io.opentelemetry.proto}): protobuf as it is,
 * JSON with protobuf's JSON format, which follows the OTLP/JSON rules (lowerCamelCase or original field
 * names, integer enums, 64-bit integers as strings) and ignores unknown fields as OTLP asks of receivers.
 * The answer comes in the request's encoding.
 */
@RestController
@Allowed(Role.APP)
class OtlpLogsController {

    private static final JsonFormat.Parser OTLP_JSON = JsonFormat.parser().ignoringUnknownFields();
    static final String PROTOBUF_VALUE = "application/x-protobuf";
    private static final MediaType PROTOBUF = MediaType.parseMediaType(PROTOBUF_VALUE);

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

    @Operation(
            summary = "OTLP/HTTP logs",
            description = "An ExportLogsServiceRequest in the JSON or the protobuf"
                    + " encoding, optionally gzip; each log record becomes one event (docs/INTEGRATIONS.md). The answer uses"
                    + " the request's encoding.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = {@Content(mediaType = "application/json"), @Content(mediaType = PROTOBUF_VALUE)}))
    @PostMapping("/otlp/v1/logs")
    ResponseEntity<?> export(HttpServletRequest request, Caller caller) {
        boolean protobuf = encoding(request.getContentType());
        byte[] body = bodies.readBytes(request, limits.otlp().maxBodyBytes());
        ExportLogsServiceRequest export = protobuf ? fromProtobuf(body) : fromJson(request, body);
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
        ExportLogsServiceResponse answer = answer(results);
        if (protobuf) {
            return ResponseEntity.ok().contentType(PROTOBUF).body(answer.toByteArray());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json(answer));
    }

    private ExportLogsServiceRequest fromJson(HttpServletRequest request, byte[] body) {
        bodies.parse(request, body); // the service's JSON limits first: depth, string length, duplicate keys
        ExportLogsServiceRequest.Builder export = ExportLogsServiceRequest.newBuilder();
        try {
            OTLP_JSON.merge(new String(body, StandardCharsets.UTF_8), export);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw malformed(); // the parser's message may quote the body, so it is not passed on
        }
        return export.build();
    }

    private static ExportLogsServiceRequest fromProtobuf(byte[] body) {
        try {
            return ExportLogsServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw malformed();
        }
    }

    private static ProblemException malformed() {
        return new ProblemException(
                HttpStatus.BAD_REQUEST,
                "malformed-otlp",
                "Malformed request body",
                "The body is not an OTLP ExportLogsServiceRequest in the declared encoding");
    }

    /** OTLP/JSON for the answer: {@code {}} or {@code partialSuccess}, with the count as a JSON number. */
    private static Map<String, Object> json(ExportLogsServiceResponse answer) {
        if (!answer.hasPartialSuccess()) {
            return Map.of();
        }
        return Map.of(
                "partialSuccess",
                Map.of(
                        "rejectedLogRecords", answer.getPartialSuccess().getRejectedLogRecords(),
                        "errorMessage", answer.getPartialSuccess().getErrorMessage()));
    }

    /**
     * OTLP's answer: empty when every record was stored as decided, else {@code partialSuccess} counting
     * the records not stored (rejected or invalid), with their reasons but never their values.
     */
    private static ExportLogsServiceResponse answer(List<EventResult> results) {
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
            return ExportLogsServiceResponse.getDefaultInstance();
        }
        StringBuilder message = new StringBuilder()
                .append(rejected)
                .append(" of ")
                .append(results.size())
                .append(" log records were not stored:");
        why.forEach((reason, count) ->
                message.append(' ').append(reason).append('=').append(count));
        return ExportLogsServiceResponse.newBuilder()
                .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                        .setRejectedLogRecords(rejected)
                        .setErrorMessage(message.toString()))
                .build();
    }

    /** True for the protobuf encoding, false for JSON; any other type is 415. */
    private static boolean encoding(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type != null && !type.isWildcardSubtype() && PROTOBUF.isCompatibleWith(type)) {
            return true;
        }
        if (type != null && !type.isWildcardSubtype() && MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return false;
        }
        throw new ProblemException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "OTLP/HTTP bodies are application/json or application/x-protobuf");
    }
}
