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

    record Record(
            UUID recordId,
            String jurisdiction,
            Map<String, String> purposes,
            String noticeVersion,
            Instant capturedAt,
            Instant expiresAt,
            String source,
            Boolean child,
            String tcString,
            Boolean gpc,
            Instant recordedAt) {
        static Record of(ConsentRecord r) {
            return new Record(r.id(), r.jurisdiction(), Map.copyOf(r.purposes()), r.noticeVersion(), r.capturedAt(),
                    r.expiresAt(), r.source(), r.child(), r.tcString(), r.gpc(), r.recordedAt());
        }
    }

    record History(List<Record> records) {}
}
