package io.consentinel.ingest;

import io.consentinel.ConsentinelProperties;
import io.consentinel.events.EventIntake;
import io.consentinel.events.EventResult;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Segment's HTTP tracking API, which RudderStack's SDKs speak too: point the SDK's host at Consentinel
 * and every message is decided like a {@code POST /v1/events} event. Authentication is the SDK's own
 * (HTTP Basic, the app key as user name) or a bearer key.
 */
@RestController
@RequestMapping("/compat/segment/v1")
@Allowed(Role.APP)
class SegmentController {

    private final EventIntake intake;
    private final ActivePolicy policy;
    private final RequestBodies bodies;
    private final IngestProperties limits;
    private final int maxBatch;

    SegmentController(
            EventIntake intake,
            ActivePolicy policy,
            RequestBodies bodies,
            IngestProperties limits,
            ConsentinelProperties properties) {
        this.intake = intake;
        this.policy = policy;
        this.bodies = bodies;
        this.limits = limits;
        this.maxBatch = properties.limits().maxBatchEvents();
    }

    /** Segment's answer, with one result per message as in {@code POST /v1/events/batch}. */
    record Answer(boolean success, List<EventResult> results) {}

    @Operation(
            summary = "Segment/RudderStack batch",
            description = "Body {\"batch\": [message, ...]}, JSON whatever the"
                    + " Content-Type, optionally gzip. HTTP Basic with the app key as user name and an empty password, or Bearer."
                    + " Each message becomes one event (docs/INTEGRATIONS.md); the answer has one result per message.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = "application/json")))
    @PostMapping("/batch")
    Answer batch(HttpServletRequest request, Caller caller) {
        JsonNode body = bodies.read(request, limits.segment().maxBodyBytes());
        JsonNode batch = body.isObject() ? body.get("batch") : null;
        if (batch == null || !batch.isArray()) {
            throw new InvalidRequestException(List.of(new Violation("/batch", "must be an array of messages")));
        }
        if (batch.size() > maxBatch) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-large",
                    "Batch too large",
                    "A batch holds at most " + maxBatch + " messages; this one has " + batch.size());
        }
        List<JsonNode> messages = new ArrayList<>(batch.size());
        batch.forEach(messages::add);
        return decide(messages, null, caller, "/batch/");
    }

    @Operation(
            summary = "One Segment/RudderStack call",
            description = "One message; its type is the path's call.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = "application/json")))
    @PostMapping("/{call:track|page|screen|identify|group|alias}")
    Answer single(@PathVariable String call, HttpServletRequest request, Caller caller) {
        JsonNode body = bodies.read(request, limits.segment().maxBodyBytes());
        return decide(List.of(body), call, caller, null);
    }

    private Answer decide(List<JsonNode> messages, String call, Caller caller, String prefix) {
        Instant now = intake.now();
        SegmentMessages mapping = new SegmentMessages(
                policy.current(), caller.appId(), now, limits.segment().maxMessageBytes());
        List<SegmentMessages.Mapped> mapped = new ArrayList<>(messages.size());
        List<EventIntake.Item> items = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            SegmentMessages.Mapped one = mapping.map(message, call, bodies.sizeOf(message));
            mapped.add(one);
            items.add(one.item());
        }
        List<EventResult> results = intake.submit(items, caller, now, (i, violation) -> {
            Violation own =
                    items.get(i).event() == null ? violation : mapped.get(i).toMessage(violation);
            return prefix == null ? own : own.prefixed(prefix + i);
        });
        return new Answer(true, results);
    }
}
