package io.consentinel.consent;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    /**
     * The decision cache's load: one row per record and purpose (a record without purposes gives one row
     * with a null purpose), grouped by subject. Rows, not entities: on a cache miss in the ingest path,
     * building entities only to read them once cost more than the query itself. No transaction of its
     * own: a single statement reads consistently, and a read-only transaction adds round trips.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    @Query("""
            select new io.consentinel.consent.LedgerRow(
                r.subjectId, r.id, r.appId, r.jurisdiction, r.child, r.capturedAt, r.expiresAt, key(p), value(p))
            from ConsentRecord r left join r.purposes p
            where r.subjectId in :subjectIds
            order by r.subjectId, r.capturedAt, r.seq""")
    List<LedgerRow> ledgers(Collection<String> subjectIds);

    /** Erasure: the subject id becomes its pseudonym in every record, in every scope. */
    @Modifying
    @Query("update ConsentRecord r set r.subjectId = :pseudonym where r.subjectId = :subjectId")
    int renameSubject(String subjectId, String pseudonym);
}
