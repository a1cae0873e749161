package io.consentinel.consent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The wire shapes of the consent endpoints. */
final class ConsentView {

    private ConsentView() {}

    record State(String subjectId, String jurisdiction, boolean child, Map<String, Purpose> purposes) {
        static State of(ConsentSubject subject) {
            Map<String, Purpose> purposes = new LinkedHashMap<>();
            subject.purposes().forEach((name, p) ->
                    purposes.put(name, new Purpose(p.status(), p.since(), p.expiresAt(), p.noticeVersion(), p.recordId())));
            return new State(subject.subjectId(), subject.jurisdiction(), subject.child(), purposes);
        }
    }

    record Purpose(String status, Instant since, Instant expiresAt, String noticeVersion, UUID recordId) {}

    record History(List<ConsentRecordView> records) {}
}
