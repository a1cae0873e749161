package io.consentinel.consent;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ConsentRecords extends JpaRepository<ConsentRecord, UUID> {

    @Query("select r from ConsentRecord r where r.subjectId = :subjectId order by r.capturedAt, r.seq")
    List<ConsentRecord> history(String subjectId);
}
