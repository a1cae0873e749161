package io.consentinel.audit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.consentinel.web.ProblemException;
import io.consentinel.zones.DecisionQueries;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Finds one decision by event id in whichever store holds it, with what was stored of the event. */
@Component
class DecisionLookup {

    private final ZoneStores stores;
    private final DecisionItems rows;
    private final DecisionQueries queries;

    DecisionLookup(ZoneStores stores, DecisionItems rows, DecisionQueries queries) {
        this.stores = stores;
        this.rows = rows;
        this.queries = queries;
    }

    /** A decision and its stored (already anonymised) attributes, null when nothing was stored. */
    record DecisionDetail(@JsonUnwrapped DecisionItem decision, JsonNode storedAttributes) {}

    /**
     * @param appId null to search every app; event ids are unique per app only, so several matches are a
     *     conflict that the caller resolves by naming the app
     */
    DecisionDetail find(UUID eventId, String appId) {
        List<Found> found = new ArrayList<>();
        for (ZoneStore store : stores.all()) {
            queries.byEventId(store, eventId, appId)
                    .forEach(decision -> found.add(new Found(store, rows.item(decision))));
        }
        if (found.isEmpty()) {
            throw ProblemException.notFound("A decision for this event id" + (appId == null ? "" : " and app"));
        }
        if (found.size() > 1) {
            throw ProblemException.conflict(
                    appId == null
                            ? "Several apps used this event id; name one with the appId parameter"
                            : "This event has decisions in more than one store");
        }
        Found only = found.getFirst();
        return new DecisionDetail(only.item(), storedAttributes(only));
    }

    private JsonNode storedAttributes(Found found) {
        return queries.storedAttributes(found.store(), found.item().sequence())
                .map(text -> rows.json().readTree(text))
                .orElse(null);
    }

    private record Found(ZoneStore store, DecisionItem item) {}
}
