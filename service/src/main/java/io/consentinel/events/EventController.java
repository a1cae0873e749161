package io.consentinel.events;

import io.consentinel.ConsentinelProperties;
import io.consentinel.decision.EventInput;
import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Apps post telemetry here, one event or a batch; each gets its decision. */
@RestController
@RequestMapping("/v1/events")
@Allowed(Role.APP)
class EventController {

    private final Ingestion ingestion;
    private final int maxBatch;

    EventController(Ingestion ingestion, ConsentinelProperties properties) {
        this.ingestion = ingestion;
        this.maxBatch = properties.limits().maxBatchEvents();
    }

    @PostMapping
    EventResult single(@RequestBody JsonNode body, Caller caller) {
        Instant now = ingestion.now();
        EventRequests.Validated validated = EventRequests.validate(body, now);
        if (validated.event() == null) {
            throw new InvalidRequestException(validated.violations().list());
        }
        caller.requireActsFor(validated.event().appId());
        return EventResult.of(ingestion.ingest(List.of(validated.event()), now).getFirst());
    }

    @PostMapping("/batch")
    EventResult.Batch batch(@RequestBody JsonNode body, Caller caller) {
        JsonNode events = body.isObject() ? body.get("events") : null;
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw new InvalidRequestException(List.of(new Violation("/events", "must be an array of 1 to " + maxBatch + " events")));
        }
        if (events.size() > maxBatch) {
            throw new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Batch too large",
                    "A batch holds at most " + maxBatch + " events; this one has " + events.size());
        }
        Instant now = ingestion.now();
        List<EventRequests.Validated> validated = new ArrayList<>(events.size());
        List<EventInput> valid = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            EventRequests.Validated item = EventRequests.validate(event, now);
            validated.add(item);
            if (item.event() != null) {
                // An app key acting for another app is refused outright, not item by item.
                caller.requireActsFor(item.event().appId());
                valid.add(item.event());
            }
        }
        var written = valid.isEmpty() ? List.<io.consentinel.zones.WrittenDecision>of() : ingestion.ingest(valid, now);
        List<EventResult> results = new ArrayList<>(validated.size());
        int next = 0;
        for (int i = 0; i < validated.size(); i++) {
            EventRequests.Validated item = validated.get(i);
            if (item.event() != null) {
                results.add(EventResult.of(written.get(next++)));
            } else {
                String prefix = "/events/" + i;
                results.add(EventResult.invalid(eventIdOf(events.get(i)),
                        item.violations().list().stream().map(violation -> violation.prefixed(prefix)).toList()));
            }
        }
        return new EventResult.Batch(results);
    }

    /** Echoed only when it is a well-formed UUID, so an invalid item never reflects arbitrary input. */
    private static String eventIdOf(JsonNode event) {
        JsonNode id = event.isObject() ? event.get("eventId") : null;
        if (id != null && id.isString()) {
            try {
                return java.util.UUID.fromString(id.asString()).toString();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
