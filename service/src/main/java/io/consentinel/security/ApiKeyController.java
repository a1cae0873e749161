package io.consentinel.security;

import io.consentinel.web.StorableText;
import io.consentinel.web.Violations;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints to issue, list and revoke API keys. */
@RestController
@RequestMapping("/v1/api-keys")
@Allowed(Role.ADMIN)
class ApiKeyController {

    private static final int MAX_TEXT = 200;

    private final KeyRegistry registry;

    ApiKeyController(KeyRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<CreatedKey> issue(@RequestBody KeyRequest request) {
        Violations violations = new Violations();
        Role role = request.role() == null ? null : Role.fromWire(request.role());
        if (role == null) {
            violations.add("/role", "role is required: one of app, officer, admin");
        }
        boolean hasApp = request.appId() != null && !request.appId().isBlank();
        if (role == Role.APP && !hasApp) {
            violations.add("/appId", "an app key needs the appId it acts for");
        }
        if (role != null && role != Role.APP && request.appId() != null) {
            violations.add("/appId", "only app keys are bound to an appId");
        }
        if (hasApp && request.appId().length() > MAX_TEXT) {
            violations.add("/appId", "at most " + MAX_TEXT + " characters");
        }
        if (request.name() != null && request.name().length() > MAX_TEXT) {
            violations.add("/name", "at most " + MAX_TEXT + " characters");
        }
        if (hasApp && !StorableText.isStorable(request.appId())) {
            violations.add("/appId", StorableText.PROBLEM);
        }
        if (request.name() != null && !StorableText.isStorable(request.name())) {
            violations.add("/name", StorableText.PROBLEM);
        }
        violations.throwIfAny();
        KeyRegistry.IssuedKey issued = registry.issue(role, role == Role.APP ? request.appId() : null,
                request.name() == null ? "" : request.name());
        ApiKey key = issued.key();
        return ResponseEntity.created(URI.create("/v1/api-keys/" + key.id()))
                .body(new CreatedKey(key.id(), issued.secret(), key.role(), key.appId(), key.name(), key.createdAt()));
    }

    @GetMapping
    KeyList list() {
        return new KeyList(registry.list().stream().map(KeySummary::of).toList());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        registry.revoke(id);
    }

    record KeyRequest(String role, String appId, String name) {}

    /** The only answer that ever carries the key itself. */
    record CreatedKey(UUID id, String key, String role, String appId, String name, Instant createdAt) {}

    record KeyList(List<KeySummary> keys) {}

    record KeySummary(
            UUID id, String name, String role, String appId, String prefix, Instant createdAt, Instant revokedAt) {
        static KeySummary of(ApiKey key) {
            return new KeySummary(
                    key.id(), key.name(), key.role(), key.appId(), key.keyPrefix(), key.createdAt(), key.revokedAt());
        }
    }
}
