package io.consentinel.consent;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The consent ledger's rules.
 *
 * @param maxBackdate how far before its receipt a record's {@code capturedAt} may lie
 *     ({@code CONSENTINEL_CONSENT_MAXBACKDATE}). Consent only covers events that occurred after it was
 *     captured; without this limit an app could backdate a grant to cover data collected before it.
 *     Older records come only from an admin's import, and are marked as imported.
 */
@Validated
@ConfigurationProperties("consentinel.consent")
record ConsentProperties(@DefaultValue("P7D") @NotNull Duration maxBackdate) {

    ConsentProperties {
        if (maxBackdate != null && maxBackdate.isNegative()) {
            throw new IllegalArgumentException("consentinel.consent.max-backdate must not be negative");
        }
    }
}
