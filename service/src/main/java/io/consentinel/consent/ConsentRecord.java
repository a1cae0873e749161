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
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

/**
 * One entry of the ledger as the read side loads it: what the subject agreed to, against which notice, when,
 * and the evidence (TC string, GPC). Immutable; records are written by {@link LedgerWriter}, in groups.
 */
@Entity
@Table(name = "consent_records")
class ConsentRecord implements ConsentView.Terms {

    @Id
    private UUID id;

    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(name = "subject_id")
    private String subjectId;

    private String jurisdiction;

    @Column(name = "notice_version")
    private String noticeVersion;

    @Column(name = "captured_at")
    private Instant capturedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private String source;
    private Boolean child;

    @Column(name = "tc_string")
    private String tcString;

    private Boolean gpc;

    @Column(name = "gpp_string")
    private String gppString;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    @Column(name = "recorded_by")
    private String recordedBy;

    /** The scope: the app whose key wrote it, or null for a vendor-wide record (collector or admin key). */
    @Column(name = "app_id")
    private String appId;

    /** Captured earlier than the backdating limit allows, and so only accepted from an admin's import. */
    private boolean imported;

    /**
     * The effective status per purpose: explicit, derived from the TC string, or denied by GPC. Loaded for
     * all of a query's records at once, by record id: a join would let a plan made on stale statistics
     * (a ledger filling up) scan the whole purposes table for each subject.
     */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 64)
    @CollectionTable(name = "consent_record_purposes", joinColumns = @JoinColumn(name = "record_id"))
    @MapKeyColumn(name = "purpose")
    @Column(name = "status")
    private Map<String, String> purposes;

    protected ConsentRecord() {}

    @Override
    public UUID id() {
        return id;
    }

    String subjectId() {
        return subjectId;
    }

    @Override
    public String jurisdiction() {
        return jurisdiction;
    }

    @Override
    public String noticeVersion() {
        return noticeVersion;
    }

    @Override
    public Instant capturedAt() {
        return capturedAt;
    }

    @Override
    public Instant expiresAt() {
        return expiresAt;
    }

    String source() {
        return source;
    }

    @Override
    public Boolean child() {
        return child;
    }

    String tcString() {
        return tcString;
    }

    Boolean gpc() {
        return gpc;
    }

    String appId() {
        return appId;
    }

    boolean imported() {
        return imported;
    }

    String gppString() {
        return gppString;
    }

    Instant recordedAt() {
        return recordedAt;
    }

    @Override
    public Map<String, String> purposes() {
        return purposes;
    }
}
