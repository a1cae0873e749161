package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The backdating limit binds from the documented environment variable and defaults to seven days. */
class ConsentPropertiesTests {

    @Test
    void theEnvironmentVariableSetsTheLimitAndItDefaultsToSevenDays() {
        assertThat(bind(Map.of("CONSENTINEL_CONSENT_MAXBACKDATE", "PT36H")).maxBackdate())
                .isEqualTo(Duration.ofHours(36));
        assertThat(bind(Map.of()).maxBackdate()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("CONSENTINEL_CONSENT_MAXBACKDATE", "-P1D")))
                .hasStackTraceContaining("must not be negative");
    }

    private static ConsentProperties bind(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        // Named as the real one: Spring maps variable names (MAXBACKDATE → max-backdate) only for that source.
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("consentinel.consent", ConsentProperties.class);
    }
}
