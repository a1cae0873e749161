package io.consentinel.audit;

import io.consentinel.zones.DecisionRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Turns stored decisions into audit items; one shape for lists, lookups and exports. */
@Component
class DecisionItems {

    private final JsonMapper json;

    DecisionItems(JsonMapper json) {
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    DecisionItem item(DecisionRecord d) {
        return new DecisionItem(
                d.eventId(),
                d.outcome(),
                d.zone(),
                d.policyVersion(),
                d.reasons(),
                d.fields(),
                d.subjectId(),
                d.subjectRef(),
                d.appId(),
                d.eventType(),
                d.jurisdiction(),
                d.occurredAt(),
                d.receivedAt(),
                d.consentRecordIds(),
                d.sequence());
    }
}
