package io.consentinel.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One immutable policy version; the one with the highest activation number is active. */
@Entity
@Table(name = "policy_versions")
class PolicyVersion {

    @Id
    private String version;

    private String document;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "activated_at")
    private Instant activatedAt;

    @Column(name = "activation_seq")
    private long activationSeq;

    protected PolicyVersion() {}

    PolicyVersion(String version, String document, Instant at, long activationSeq) {
        this.version = version;
        this.document = document;
        this.createdAt = at;
        this.activatedAt = at;
        this.activationSeq = activationSeq;
    }

    String version() {
        return version;
    }

    String document() {
        return document;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant activatedAt() {
        return activatedAt;
    }

    long activationSeq() {
        return activationSeq;
    }
}
