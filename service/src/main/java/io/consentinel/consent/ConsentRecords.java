package io.consentinel.consent;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConsentRecords extends JpaRepository<ConsentRecord, UUID> {

    @Query("select r from ConsentRecord r where r.subjectId = :subjectId order by r.capturedAt, r.seq")
    List<ConsentRecord> history(String subjectId);

    /** Every record of many subjects in one round trip, for cache loads of a whole batch. */
    @Query("select distinct r from ConsentRecord r left join fetch r.purposes"
            + " where r.subjectId in :subjectIds order by r.capturedAt, r.seq")
    List<ConsentRecord> histories(Collection<String> subjectIds);
}
