package io.consentinel.transparency;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The transparency logs' configuration.
 *
 * @param origin the prefix of every log's origin line and key name ({@code <origin>/<log>})
 * @param signingKey the Ed25519 seed, 32 bytes in base64 ({@code CONSENTINEL_LOG_SIGNING_KEY}); required
 *     outside the local run
 */
@Validated
@ConfigurationProperties("consentinel.log")
record LogProperties(
        @DefaultValue("consentinel.local")
        @NotBlank
        @Pattern(regexp = "[^\\s+/][^\\s+]*", message = "an origin has no spaces or '+'")
        String origin,

        String signingKey) {}
