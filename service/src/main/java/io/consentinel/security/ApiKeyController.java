package io.consentinel.security;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
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

    private final KeyRegistry registry;

    ApiKeyController(KeyRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<CreatedKey> issue(@Valid @RequestBody KeyRequest request) {
        String name = request.name();
        KeyRegistry.IssuedKey issued = registry.issue(request.parsedRole(), request.appId(), name == null ? "" : name);
        ApiKey key = issued.key();
        // The only answer that carries a secret: no cache, shared or private, may keep it.
        return ResponseEntity.created(URI.create("/v1/api-keys/" + key.id()))
                .cacheControl(CacheControl.noStore())
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
