package io.consentinel.security;

import io.consentinel.ConsentinelProperties;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The admin key accepted from start-up, for provisioning. In the local development setup one is
 * generated and printed when none is configured; elsewhere it is optional, since keys issued earlier
 * live in the control store.
 */
@Component
class BootstrapAdminKey {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
    private static final int MIN_LENGTH = 32;

    private final Optional<String> key;

    BootstrapAdminKey(ConsentinelProperties properties) {
        String configured = properties.bootstrapAdminKey();
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalStateException(
                        "CONSENTINEL_BOOTSTRAP_ADMIN_KEY must be at least " + MIN_LENGTH + " characters long");
            }
            key = Optional.of(configured);
        } else if (properties.local()) {
            key = Optional.of(KeyHashes.newKey());
            // Local mode only: the developer needs the key to make the first call.
            log.warn("Local mode: bootstrap admin key is {}", key.get());
        } else {
            key = Optional.empty();
            log.info("No CONSENTINEL_BOOTSTRAP_ADMIN_KEY configured; only keys in the control store are accepted");
        }
    }

    Optional<String> key() {
        return key;
    }
}
