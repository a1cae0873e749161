package io.consentinel.security;

import io.consentinel.control.CachedChanges;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, revokes and recognises keys. Recognised keys are cached by hash; a revocation is logged
 * through the {@link ControlClock}, so every node drops the key before its next request.
 */
@Service
class KeyRegistry implements CachedChanges {

    private final ApiKeys keys;
    private final ControlClock clock;
    private final Clock time;
    private final String bootstrapHash;
    private final Map<String, Caller> known = new ConcurrentHashMap<>();

    KeyRegistry(ApiKeys keys, ControlClock clock, Clock time, BootstrapAdminKey bootstrap) {
        this.keys = keys;
        this.clock = clock;
        this.time = time;
        this.bootstrapHash = bootstrap.key().map(KeyHashes::hash).orElse(null);
    }

    /** The caller behind a presented key, if the key is known and not revoked. */
    Optional<Caller> recognise(String presentedKey) {
        return recogniseHash(KeyHashes.hash(presentedKey));
    }

    /**
     * The caller behind a key's hash, if the key is known and not revoked. A console session keeps the
     * hash (never the key) and asks again on every page, so a revocation ends the session too.
     */
    Optional<Caller> recogniseHash(String hash) {
        if (isBootstrap(hash)) {
            return Optional.of(new Caller(Caller.BOOTSTRAP_KEY_ID, Role.ADMIN, null));
        }
        Caller cached = known.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        // Unknown keys are not cached: random guesses must not fill memory.
        Optional<Caller> loaded = clock.fill(
                () -> keys.findByKeyHash(hash).filter(key -> !key.isRevoked()).map(ApiKey::toCaller),
                found -> found.ifPresent(caller -> known.put(hash, caller)));
        return loaded;
    }

    /**
     * Whether this node would still recognise the key behind {@code hash} as {@code caller} without reading
     * the store: a revocation applied since evicts it.
     */
    boolean stillRecognises(String hash, Caller caller) {
        return known.get(hash) == caller || isBootstrap(hash);
    }

    @Transactional
    IssuedKey issue(Role role, String appId, String name) {
        String key = KeyHashes.newKey();
        ApiKey saved = keys.save(new ApiKey(
                UUID.randomUUID(),
                name,
                role,
                appId,
                KeyHashes.hash(key),
                KeyHashes.displayPrefix(key),
                time.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        return new IssuedKey(saved, key);
    }

    @Transactional(readOnly = true)
    List<ApiKey> list() {
        return keys.findAllByOrderByCreatedAt();
    }

    @Transactional
    void revoke(UUID id) {
        ApiKey key = keys.findById(id).orElseThrow(() -> ProblemException.notFound("API key " + id));
        if (!key.isRevoked()) {
            key.revoke(time.instant());
            clock.record(ChangeKind.KEY, key.keyHash());
        }
    }

    private boolean isBootstrap(String hash) {
        return bootstrapHash != null
                && MessageDigest.isEqual(
                        bootstrapHash.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.KEY;
    }

    @Override
    public void evict(String keyHash) {
        known.remove(keyHash);
    }

    @Override
    public void evictAll() {
        known.clear();
    }

    record IssuedKey(ApiKey key, String secret) {}
}
