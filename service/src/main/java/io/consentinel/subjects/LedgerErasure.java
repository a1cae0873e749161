package io.consentinel.subjects;

import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control-store half of an erasure, in one transaction: the consent ledger, the current state and the
 * change log take the pseudonym in place of the subject id, caches are told, and the erasure is recorded.
 */
@Component
class LedgerErasure {

    /** The first key of the advisory lock that serialises erasures of one subject across nodes. */
    private static final int SUBJECT_LOCK = 0x45524153; // "ERAS"

    private final JdbcClient control;
    private final ControlClock clock;
    private final JsonMapper json;

    LedgerErasure(JdbcClient control, ControlClock clock, JsonMapper json) {
        this.control = control;
        this.clock = clock;
        this.json = json;
    }

    boolean isErasedPseudonym(String subjectId) {
        return control.sql("select exists (select 1 from erasures where subject_pseudonym = ?)")
                .param(subjectId)
                .query(Boolean.class)
                .single();
    }

    /** Returns the number of consent records pseudonymised; zero when the ledger was already erased. */
    @Transactional
    int erase(String subjectId, String pseudonym, Map<String, Erasure.Counts> zones, String erasedBy) {
        control.sql("select pg_advisory_xact_lock(?, ?)")
                .params(SUBJECT_LOCK, pseudonym.hashCode())
                .query((rs, n) -> n)
                .list();
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
        Erasure.Result result = new Erasure.Result(pseudonym, zones, records);
        control.sql("insert into erasures (subject_pseudonym, erased_by, counts) values (?, ?, ?::jsonb)")
                .params(pseudonym, erasedBy, json.writeValueAsString(result.counts()))
                .update();
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
