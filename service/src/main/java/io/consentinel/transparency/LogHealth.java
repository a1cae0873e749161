package io.consentinel.transparency;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Whether each log is being signed. A log whose rows no longer extend what was signed is out of service:
 * the service signs nothing for it until they do.
 */
@Configuration(proxyBeanMethods = false)
class LogHealth {

    @Bean
    CompositeHealthContributor transparencyHealthContributor(Logs logs, Checkpoints checkpoints) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (TransparencyLog log : logs.all()) {
            indicators.put(
                    log.name(),
                    () -> checkpoints
                            .halted(log)
                            .map(why -> Health.outOfService()
                                    .withDetail("signing", false)
                                    .withDetail("problem", why)
                                    .build())
                            .orElseGet(() ->
                                    Health.up().withDetail("signing", true).build()));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
