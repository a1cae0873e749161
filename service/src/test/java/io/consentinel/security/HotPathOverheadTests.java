package io.consentinel.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * What every request used to pay for and nobody used (docs/BENCHMARKS.md, single-event profile): Spring
 * Security's observation wrappers around each filter, the active-requests long task timer, and a
 * ServletRequestHandledEvent per request. The request metric operators do read stays.
 */
class HotPathOverheadTests extends IntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void springSecurityNeitherObservesNorWrapsRequestsAuthenticationsOrAuthorizations() {
        SecurityObservationSettings settings = context.getBean(SecurityObservationSettings.class);

        assertThat(settings.shouldObserveRequests()).isFalse();
        assertThat(settings.shouldObserveAuthentications()).isFalse();
        assertThat(settings.shouldObserveAuthorizations()).isFalse();
    }

    @Test
    void aRequestIsTimedButNotTrackedAsActiveNorPublishedAsAnEvent() {
        List<ServletRequestHandledEvent> published = new ArrayList<>();
        ApplicationListener<ServletRequestHandledEvent> listener = published::add;
        context.addApplicationListener(listener);
        try {
            assertThat(api().get("/v1/policy").status()).isEqualTo(200);
        } finally {
            context.removeApplicationListener(listener);
        }

        assertThat(published).isEmpty();
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.find("http.server.requests.active").longTaskTimers()).isEmpty();
    }
}
