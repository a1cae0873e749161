package io.consentinel.consent;

import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure's part in the ledger: the subject id is replaced by its pseudonym in the records of every scope
 * and in the change log, and every node's consent cache is cleared. Runs in the caller's transaction, so
 * the erasure and its own audit record commit together.
 */
@Component
public class ConsentErasure {

    private final ConsentRecords records;
    private final ControlClock clock;

    ConsentErasure(ConsentRecords records, ControlClock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Returns the number of records pseudonymised; zero when the ledger holds nothing under this id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int pseudonymise(String subjectId, String pseudonym) {
        int renamed = records.renameSubject(subjectId, pseudonym);
        if (renamed > 0) {
            // Without records there is no consent state, so no cache can hold one for this subject.
            clock.forgetSubject(ChangeKind.CONSENT, subjectId, pseudonym);
        }
        return renamed;
    }
}
