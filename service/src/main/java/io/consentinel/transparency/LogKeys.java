package io.consentinel.transparency;

import io.consentinel.ConsentinelProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The log signing key. {@code CONSENTINEL_LOG_SIGNING_KEY} is required: without it start-up is refused,
 * outside the local run, which signs with a public development key and says so.
 */
@Configuration(proxyBeanMethods = false)
class LogKeys {

    private static final Logger log = LoggerFactory.getLogger(LogKeys.class);
    static final String VARIABLE = "CONSENTINEL_LOG_SIGNING_KEY";
    private static final String LOCAL_SEED = "consentinel-local-development-log-key-not-a-secret";

    @Bean
    SigningKey signingKey(LogProperties logProperties, ConsentinelProperties properties) {
        String configured = logProperties.signingKey();
        if (configured == null || configured.isBlank()) {
            if (!properties.local()) {
                throw new IllegalStateException(VARIABLE + " is not set: the 32-byte Ed25519 seed that signs the"
                        + " transparency logs' checkpoints, in base64 (generate one with: openssl rand -base64 32)");
            }
            SigningKey key = new SigningKey(sha256(LOCAL_SEED));
            // Public, so checkpoints signed with it prove nothing to anyone: fit for trying things out only.
            log.warn("Local mode: signing transparency logs with the public development key; never use it for real"
                    + " data (set " + VARIABLE + ")");
            return key;
        }
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(VARIABLE + " is not valid base64");
        }
        if (seed.length != 32) {
            throw new IllegalStateException(VARIABLE + " decodes to " + seed.length + " bytes; an Ed25519 seed is 32"
                    + " (generate one with: openssl rand -base64 32)");
        }
        return new SigningKey(seed);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
