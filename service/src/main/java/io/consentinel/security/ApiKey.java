package io.consentinel.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An issued key. Only its hash is kept; the key itself is shown once, at creation. */
@Entity
@Table(name = "api_keys")
class ApiKey {

    @Id
    private UUID id;

    private String name;
    private String role;

    @Column(name = "app_id")
    private String appId;

    @Column(name = "key_hash")
    private String keyHash;

    @Column(name = "key_prefix")
    private String keyPrefix;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {}

    ApiKey(UUID id, String name, Role role, String appId, String keyHash, String keyPrefix, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.role = role.wireName();
        this.appId = appId;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.createdAt = createdAt;
    }

    /** Revoking twice keeps the first revocation time. */
    void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    boolean isRevoked() {
        return revokedAt != null;
    }

    Caller toCaller() {
        return new Caller(id.toString(), Role.fromWire(role), appId);
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String role() {
        return role;
    }

    String appId() {
        return appId;
    }

    String keyHash() {
        return keyHash;
    }

    String keyPrefix() {
        return keyPrefix;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant revokedAt() {
        return revokedAt;
    }
}
