package io.consentinel.consent;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A subject's current consent state, maintained on every append so that reads never replay history. */
@Entity
@Table(name = "consent_subjects")
class ConsentSubject {

    @Id
    @Column(name = "subject_id")
    private String subjectId;

    private String jurisdiction;
    private boolean child;

    @Column(name = "last_captured_at")
    private Instant lastCapturedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "consent_purposes", joinColumns = @JoinColumn(name = "subject_id"))
    @MapKeyColumn(name = "purpose")
    private Map<String, PurposeState> purposes = new TreeMap<>();

    protected ConsentSubject() {}

    String subjectId() {
        return subjectId;
    }

    String jurisdiction() {
        return jurisdiction;
    }

    boolean child() {
        return child;
    }

    Map<String, PurposeState> purposes() {
        return purposes;
    }
}
