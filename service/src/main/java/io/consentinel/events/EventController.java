package io.consentinel.events;

import io.consentinel.ConsentinelProperties;
import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private final EventIntake intake;
    private final int maxBatch;

    EventController(Ingestion ingestion, EventIntake intake, ConsentinelProperties properties) {
        this.ingestion = ingestion;
        this.intake = intake;
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
            throw new InvalidRequestException(
                    List.of(new Violation("/events", "must be an array of 1 to " + maxBatch + " events")));
        }
        if (events.size() > maxBatch) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "too-large",
                    "Batch too large",
                    "A batch holds at most " + maxBatch + " events; this one has " + events.size());
        }
        Instant now = intake.now();
        List<EventIntake.Item> items = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            items.add(EventIntake.Item.of(event, Set.of()));
        }
        return new EventResult.Batch(
                intake.submit(items, caller, now, (i, violation) -> violation.prefixed("/events/" + i)));
    }
}
