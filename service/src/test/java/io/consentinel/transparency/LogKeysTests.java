package io.consentinel.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.ConsentinelProperties;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log key is required outside the local run, and the refusal names the variable. */
class LogKeysTests {

    private static ConsentinelProperties deployment(boolean local) {
        return new ConsentinelProperties(
                Map.of(),
                "control",
                null,
                new ConsentinelProperties.Pseudonymisation(null, null),
                null,
                new ConsentinelProperties.Limits(1 << 20, 1000, 32, 65536),
                local,
                Duration.ofSeconds(30));
    }

    @Test
    void withoutTheKeyStartUpIsRefusedNamingTheVariable() {
        assertThatThrownBy(
                        () -> new LogKeys().signingKey(new LogProperties("consentinel.local", null), deployment(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONSENTINEL_LOG_SIGNING_KEY")
                .hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aKeyThatIsNotA32ByteSeedIsRefused() {
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new LogKeys().signingKey(new LogProperties("o", short16), deployment(false)))
                .hasMessageContaining("CONSENTINEL_LOG_SIGNING_KEY decodes to 16 bytes");
        assertThatThrownBy(() -> new LogKeys().signingKey(new LogProperties("o", "not base64!"), deployment(false)))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void theLocalRunSignsWithAStableDevelopmentKey() {
        SigningKey first = new LogKeys().signingKey(new LogProperties("consentinel.local", ""), deployment(true));
        SigningKey second = new LogKeys().signingKey(new LogProperties("consentinel.local", null), deployment(true));
        assertThat(first.verifierKey("consentinel.local/in")).isEqualTo(second.verifierKey("consentinel.local/in"));
    }
}
