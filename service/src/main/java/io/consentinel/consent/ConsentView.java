package io.consentinel.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The wire shapes of the consent endpoints. */
final class ConsentView {

    private ConsentView() {}

    record State(String subjectId, String jurisdiction, boolean child, Map<String, Purpose> purposes) {

        /**
         * Folds records given in ledger order, as the decision cache does: per purpose the latest record
         * that sets it, the jurisdiction from the latest record, and {@code child} from the latest one that
         * states it. Null when there is no record.
         */
        static State of(String subjectId, List<? extends Terms> records) {
            if (records.isEmpty()) {
                return null;
            }
            String jurisdiction = null;
            boolean child = false;
            Map<String, Purpose> purposes = new TreeMap<>();
            for (Terms r : records) {
                jurisdiction = r.jurisdiction();
                if (r.child() != null) {
                    child = r.child();
                }
                r.purposes()
                        .forEach((name, status) -> purposes.put(
                                name, new Purpose(status, r.capturedAt(), r.expiresAt(), r.noticeVersion(), r.id())));
            }
            return new State(subjectId, jurisdiction, child, purposes);
        }
    }

    /** What a record contributes to its subject's state, whether read through JPA or by the ledger writer. */
    interface Terms {
        UUID id();

        String jurisdiction();

        Boolean child();

        Instant capturedAt();

        Instant expiresAt();

        String noticeVersion();

        Map<String, String> purposes();
    }

    record Purpose(String status, Instant since, Instant expiresAt, String noticeVersion, UUID recordId) {}

    record History(List<ConsentRecordView> records) {}
}
