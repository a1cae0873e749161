package io.consentinel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Deployment configuration. Secrets are checked again at start-up by the beans that use them, so that a
 * missing secret is refused with a message naming the environment variable, unless running locally.
 *
 * @param zones one store per residency zone, keyed by lower-case zone name
 * @param homeZone where a rejected decision with no residency zone is recorded; {@code control} (the
 *     default) keeps it in the control store, so that no zone store receives data that is not its own
 * @param local the local development setup: generated secrets are allowed and printed
 * @param storeSilenceLimit how long the zone writers, the consent ledger's writer and the change-log read wait
 *     for a store to answer before they give the connection up, so that a connection the network dropped
 *     cannot hang them (control.StoreConnections)
 */
@Validated
@ConfigurationProperties("consentinel")
public record ConsentinelProperties(
        @Valid
        Map<@Pattern(regexp = "[a-z][a-z0-9_-]*", message = "zone names are lower case") String, @Valid Zone> zones,

        @DefaultValue("control") String homeZone,
        String bootstrapAdminKey,
        @Valid @DefaultValue Pseudonymisation pseudonymisation,
        String policyLocation,
        @Valid @DefaultValue Limits limits,
        @DefaultValue("false") boolean local,
        @DefaultValue("30s") Duration storeSilenceLimit) {

    public ConsentinelProperties {
        zones = zones == null ? Map.of() : Map.copyOf(zones);
    }

    /** A residency zone's store. */
    public record Zone(
            @NotBlank(message = "every zone needs a JDBC url (CONSENTINEL_ZONES_<ZONE>_URL)")
            String url,

            @DefaultValue("postgres") String username,
            @DefaultValue("") String password,
            @DefaultValue("16") @Positive int maxPoolSize) {}

    /** The HMAC secret behind {@code pseudonymise} and subject pseudonyms. */
    public record Pseudonymisation(String key, String keyId) {}

    /** Request limits from API.md; all configurable. */
    public record Limits(
            @DefaultValue("1048576") @Positive long maxBodyBytes,
            @DefaultValue("1000") @Positive int maxBatchEvents,
            @DefaultValue("32") @Positive int maxJsonDepth,
            @DefaultValue("65536") @Positive int maxStringLength) {}
}
