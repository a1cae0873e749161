package io.consentinel.consent;

import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure's part in the ledger: the subject id is replaced by its pseudonym in the records, the current
 * state and the change log, and every node's consent cache is cleared. Runs in the caller's transaction,
 * so the erasure and its own audit record commit together.
 */
@Component
public class ConsentErasure {

    private final JdbcClient control;
    private final ControlClock clock;

    ConsentErasure(JdbcClient control, ControlClock clock) {
        this.control = control;
        this.clock = clock;
    }

    /** Returns the number of records pseudonymised; zero when the ledger holds nothing under this id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int pseudonymise(String subjectId, String pseudonym) {
        moveCurrentState(subjectId, pseudonym);
        int records = control.sql("update consent_records set subject_id = ? where subject_id = ?")
                .params(pseudonym, subjectId)
                .update();
        control.sql("update change_log set subject = ? where kind = 'consent' and subject = ?")
                .params(pseudonym, subjectId)
                .update();
        if (records > 0) {
            // Without records there is no consent state, so no cache can hold one for this subject.
            evictEverywhere(pseudonym);
        }
        return records;
    }

    /**
     * consent_purposes references consent_subjects, so the renamed subject row goes in first, the purposes
     * follow, and the old rows go last. A pseudonym that already has a state (the subject came back after
     * an earlier erasure) keeps whichever is newer, as the ledger's own upserts do.
     */
    private void moveCurrentState(String subjectId, String pseudonym) {
        control.sql("""
                        insert into consent_subjects (subject_id, jurisdiction, child, last_captured_at, updated_at)
                        select ?, jurisdiction, child, last_captured_at, updated_at from consent_subjects where subject_id = ?
                        on conflict (subject_id) do update set
                            jurisdiction = excluded.jurisdiction, child = excluded.child,
                            last_captured_at = excluded.last_captured_at, updated_at = excluded.updated_at
                        where consent_subjects.last_captured_at <= excluded.last_captured_at""")
                .params(pseudonym, subjectId)
                .update();
        control.sql("""
                        insert into consent_purposes (subject_id, purpose, status, since, expires_at, notice_version, record_id)
                        select ?, purpose, status, since, expires_at, notice_version, record_id
                        from consent_purposes where subject_id = ?
                        on conflict (subject_id, purpose) do update set
                            status = excluded.status, since = excluded.since, expires_at = excluded.expires_at,
                            notice_version = excluded.notice_version, record_id = excluded.record_id
                        where consent_purposes.since <= excluded.since""")
                .params(pseudonym, subjectId)
                .update();
        control.sql("delete from consent_purposes where subject_id = ?").param(subjectId).update();
        control.sql("delete from consent_subjects where subject_id = ?").param(subjectId).update();
    }

    /**
     * Every node caches consent by raw subject id, so the raw id's entry must go everywhere; but a change
     * log entry naming it would keep the raw id in the control store until the log is pruned. Instead the
     * clock ticks with no log entry left behind: a node that finds a gap in the log clears all its caches
     * ({@link ControlClock#catchUp}), which drops both the raw id and the pseudonym. Erasures are rare
     * enough that a full cache refill is the cheaper price.
     */
    private void evictEverywhere(String pseudonym) {
        long version = clock.record(ChangeKind.CONSENT, pseudonym);
        control.sql("delete from change_log where version = ?").param(version).update();
    }
}
