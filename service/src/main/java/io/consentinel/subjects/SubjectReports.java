package io.consentinel.subjects;

import io.consentinel.consent.ConsentHistories;
import io.consentinel.consent.ConsentRecordView;
import io.consentinel.web.ProblemException;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** Gathers a subject's access report from the consent ledger and from every store. */
@Service
class SubjectReports {

    /** Newest first across stores; within a store, the chain order breaks ties. */
    private static final Comparator<SubjectReport.Decision> NEWEST_DECISION_FIRST = Comparator.comparing(
                    SubjectReport.Decision::receivedAt)
            .thenComparing(SubjectReport.Decision::store)
            .thenComparingLong(SubjectReport.Decision::sequence)
            .reversed();

    private static final Comparator<SubjectReport.StoredEvent> NEWEST_EVENT_FIRST = Comparator.comparing(
                    SubjectReport.StoredEvent::receivedAt)
            .thenComparing(SubjectReport.StoredEvent::occurredAt)
            .reversed();

    private final ConsentHistories consent;
    private final ZoneSubjects zones;
    private final ZoneStores stores;

    SubjectReports(ConsentHistories consent, ZoneSubjects zones, ZoneStores stores) {
        this.consent = consent;
        this.zones = zones;
        this.stores = stores;
    }

    SubjectReport of(String subjectId) {
        List<ConsentRecordView> history = consent.of(subjectId);
        List<SubjectReport.Decision> decisions = new ArrayList<>();
        List<SubjectReport.StoredEvent> events = new ArrayList<>();
        for (ZoneStore store : stores.all()) {
            decisions.addAll(zones.decisions(store, subjectId));
            events.addAll(zones.events(store, subjectId));
        }
        if (history.isEmpty() && decisions.isEmpty() && events.isEmpty()) {
            throw ProblemException.notFound("Data for this subject");
        }
        decisions.sort(NEWEST_DECISION_FIRST);
        events.sort(NEWEST_EVENT_FIRST);
        return new SubjectReport(subjectId, new SubjectReport.Consent(history), decisions, events);
    }
}
