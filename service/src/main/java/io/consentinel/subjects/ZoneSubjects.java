package io.consentinel.subjects;

import io.consentinel.zones.SubjectRows;
import io.consentinel.zones.ZoneStore;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** One subject's rows in one store, in the shapes of the report and the erasure. */
@Component
class ZoneSubjects {

    private final SubjectRows rows;
    private final JsonMapper json;

    ZoneSubjects(SubjectRows rows, JsonMapper json) {
        this.rows = rows;
        this.json = json;
    }

    List<SubjectReport.Decision> decisions(ZoneStore store, String subjectId) {
        return rows.decisions(store, subjectId).stream()
                .map(decision -> SubjectReport.Decision.of(store.name(), decision))
                .toList();
    }

    List<SubjectReport.StoredEvent> events(ZoneStore store, String subjectId) {
        return rows.events(store, subjectId).stream()
                .map(event -> new SubjectReport.StoredEvent(
                        store.name(),
                        event.appId(),
                        event.eventId(),
                        event.type(),
                        event.occurredAt(),
                        event.receivedAt(),
                        event.expiresAt(),
                        json.readTree(event.attributes())))
                .toList();
    }

    /** Deletes the subject's events and pseudonymises its decisions, in one transaction of the store. */
    Erasure.Counts erase(ZoneStore store, String subjectId, String pseudonym) {
        SubjectRows.Erased erased = rows.erase(store, subjectId, pseudonym);
        return new Erasure.Counts(erased.eventsDeleted(), erased.decisionsPseudonymised());
    }
}
