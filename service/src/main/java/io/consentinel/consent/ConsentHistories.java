package io.consentinel.consent;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The ledger's read side for other modules: a subject's records, oldest first. */
@Component
public class ConsentHistories {

    private final ConsentRecords records;

    ConsentHistories(ConsentRecords records) {
        this.records = records;
    }

    /** Every record of the subject in capture order; empty when there is none. */
    @Transactional(readOnly = true)
    public List<ConsentRecordView> of(String subjectId) {
        return records.history(subjectId).stream().map(ConsentRecordView::of).toList();
    }
}
