package io.consentinel.consent;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The current-state tables. Writes are upserts guarded by capture time, so concurrent appends on any
 * node, or a record captured earlier but appended later, can never move the state backwards.
 */
interface ConsentSubjects extends JpaRepository<ConsentSubject, String> {

    @Modifying
    @Query(nativeQuery = true, value = """
            insert into consent_subjects (subject_id, jurisdiction, child, last_captured_at, updated_at)
            values (:subjectId, :jurisdiction, coalesce(:child, false), :capturedAt, :now)
            on conflict (subject_id) do update set
                jurisdiction = excluded.jurisdiction,
                child = case when cast(:child as boolean) is null then consent_subjects.child else excluded.child end,
                last_captured_at = excluded.last_captured_at,
                updated_at = excluded.updated_at
            where consent_subjects.last_captured_at <= excluded.last_captured_at""")
    void upsertSubject(String subjectId, String jurisdiction, Boolean child, Instant capturedAt, Instant now);

    @Modifying
    @Query(nativeQuery = true, value = """
            insert into consent_purposes (subject_id, purpose, status, since, expires_at, notice_version, record_id)
            values (:subjectId, :purpose, :status, :capturedAt, :expiresAt, :noticeVersion, :recordId)
            on conflict (subject_id, purpose) do update set
                status = excluded.status, since = excluded.since, expires_at = excluded.expires_at,
                notice_version = excluded.notice_version, record_id = excluded.record_id
            where consent_purposes.since <= excluded.since""")
    void upsertPurpose(String subjectId, String purpose, String status, Instant capturedAt, Instant expiresAt,
            String noticeVersion, UUID recordId);
}
