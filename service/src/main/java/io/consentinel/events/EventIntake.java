package io.consentinel.events;

import io.consentinel.decision.EventInput;
import io.consentinel.security.Caller;
import io.consentinel.web.Violation;
import io.consentinel.zones.WrittenDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The one way events come in, whatever the wire format: each item is validated as a {@code POST
 * /v1/events} event, checked against the caller's app, then decided, routed, stored and audited by
 * {@link Ingestion} with one group commit per zone. The SDK adapters ({@code io.consentinel.ingest})
 * only map their messages to this shape; they have no pipeline of their own.
 */
@Service
public class EventIntake {

    private final Ingestion ingestion;

    EventIntake(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    /**
     * One item: a native event object, the consent categories its message denies, or an item already
     * found invalid by the adapter (its {@code problems} are then reported and nothing is decided).
     */
    public record Item(JsonNode event, Set<String> deniedInBand, String eventId, List<Violation> problems) {

        public static Item of(JsonNode event, Set<String> deniedInBand) {
            return new Item(event, deniedInBand, null, List.of());
        }

        public static Item invalid(String eventId, List<Violation> problems) {
            return new Item(null, Set.of(), eventId, problems);
        }
    }

    /** The receipt time every item of one request is judged against. */
    public Instant now() {
        return ingestion.now();
    }

    /**
     * Decides every valid item together; answers in request order, invalid items as {@code invalid}
     * results whose pointers {@code pointers} rewrites for the wire format (index, violation).
     */
    public List<EventResult> submit(
            List<Item> items, Caller caller, Instant now, BiFunction<Integer, Violation, Violation> pointers) {
        List<EventResult> results = new ArrayList<>(items.size());
        List<EventInput> valid = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.event() == null) {
                int index = i;
                results.add(EventResult.invalid(
                        item.eventId(),
                        item.problems().stream()
                                .map(v -> pointers.apply(index, v))
                                .toList()));
                continue;
            }
            EventRequests.Validated validated = EventRequests.validate(item.event(), now);
            if (validated.event() == null) {
                int index = i;
                results.add(EventResult.invalid(
                        item.eventId() != null ? item.eventId() : EventRequests.eventIdOf(item.event()),
                        validated.violations().list().stream()
                                .map(v -> pointers.apply(index, v))
                                .toList()));
                continue;
            }
            // An app key acting for another app is refused outright, not item by item.
            caller.requireActsFor(validated.event().appId());
            EventInput event = validated.event();
            if (!item.deniedInBand().isEmpty()) {
                event = new EventInput(
                        event.eventId(),
                        event.appId(),
                        event.subjectId(),
                        event.type(),
                        event.occurredAt(),
                        event.jurisdiction(),
                        event.attributes(),
                        item.deniedInBand());
            }
            valid.add(event);
            positions.add(i);
            results.add(null);
        }
        if (!valid.isEmpty()) {
            List<WrittenDecision> written = ingestion.ingest(valid, now);
            for (int k = 0; k < written.size(); k++) {
                results.set(positions.get(k), EventResult.of(written.get(k)));
            }
        }
        return results;
    }
}
