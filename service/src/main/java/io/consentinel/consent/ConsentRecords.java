package io.consentinel.consent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Every statement on the ledger, in one place. Ledger order is capture time, then append order
 * ({@code seq}): "the latest record" always means the last one in this order.
 */
interface ConsentRecords extends JpaRepository<ConsentRecord, UUID> {

    /** Every record of the subject, in every scope. */
    @Query("select r from ConsentRecord r where r.subjectId = :subjectId order by r.capturedAt, r.seq")
    List<ConsentRecord> history(String subjectId);

    /** The records that count for app {@code appId}: its own scope and the vendor-wide records. */
    @Query("""
            select r from ConsentRecord r
            where r.subjectId = :subjectId and (r.appId is null or r.appId = :appId)
            order by r.capturedAt, r.seq""")
    List<ConsentRecord> view(String subjectId, String appId);

    /** Erasure: the subject id becomes its pseudonym in every record, in every scope. */
    @Modifying
    @Query("update ConsentRecord r set r.subjectId = :pseudonym where r.subjectId = :subjectId")
    int renameSubject(String subjectId, String pseudonym);
}
