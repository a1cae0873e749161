package io.consentinel.events;

import io.consentinel.ConsentinelProperties;
import io.consentinel.decision.DecisionEngine;
import io.consentinel.decision.Pseudonymiser;
import io.consentinel.zones.SubjectPseudonyms;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the pure decision engine. The pseudonymisation secret is required: without it, start-up is
 * refused, outside the local development setup, which uses a public development key and says so.
 */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DecisionConfiguration.class);
    static final int MIN_KEY_BYTES = 32;
    private static final String LOCAL_KEY_ID = "local-dev";
    private static final String LOCAL_KEY = "consentinel-local-development-key-not-a-secret";

    @Bean
    Pseudonymiser pseudonymiser(ConsentinelProperties properties) {
        ConsentinelProperties.Pseudonymisation config = properties.pseudonymisation();
        String keyId = config.keyId() == null || config.keyId().isBlank() ? null : config.keyId();
        if (config.key() == null || config.key().isBlank()) {
            if (!properties.local()) {
                throw new IllegalStateException(
                        "CONSENTINEL_PSEUDONYMISATION_KEY is not set: a base64 secret of at least " + MIN_KEY_BYTES
                                + " bytes is required (and CONSENTINEL_PSEUDONYMISATION_KEY_ID names it)");
            }
            // Stable across restarts, so local chains keep verifying; public, so never fit for real data.
            log.warn(
                    "Local mode: using the public development pseudonymisation key '{}'; never use it for real data",
                    LOCAL_KEY_ID);
            return new Pseudonymiser(LOCAL_KEY_ID, LOCAL_KEY.getBytes(StandardCharsets.UTF_8));
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(config.key().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONSENTINEL_PSEUDONYMISATION_KEY is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("CONSENTINEL_PSEUDONYMISATION_KEY decodes to " + key.length
                    + " bytes; at least " + MIN_KEY_BYTES + " are required");
        }
        if (keyId == null) {
            throw new IllegalStateException(
                    "CONSENTINEL_PSEUDONYMISATION_KEY_ID is not set: pseudonyms record the key id");
        }
        return new Pseudonymiser(keyId, key);
    }

    /** The one way subject ids become pseudonyms: for decisions' subject_ref, erasure and integrity checks. */
    @Bean
    SubjectPseudonyms subjectPseudonyms(Pseudonymiser pseudonymiser) {
        return pseudonymiser::pseudonymise;
    }

    @Bean
    DecisionEngine decisionEngine(Pseudonymiser pseudonymiser) {
        return new DecisionEngine(pseudonymiser);
    }
}
