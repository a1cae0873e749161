package io.consentinel.zones;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Health of every zone store, one entry each, so readiness names the zone that is down. */
@Configuration(proxyBeanMethods = false)
class ZonesHealth {

    @Bean
    CompositeHealthContributor zonesHealthContributor(ZoneStores stores, ChainHeads heads) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (ZoneStore store : stores.all()) {
            indicators.put(store.name(), () -> check(store, heads));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    private static Health check(ZoneStore store, ChainHeads heads) {
        try {
            long last = heads.lastSequence(store);
            return Health.up()
                    .withDetail("residency", store.residency())
                    .withDetail("lastSequence", last)
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("residency", store.residency())
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }
}
