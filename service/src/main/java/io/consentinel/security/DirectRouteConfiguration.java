package io.consentinel.security;

import io.consentinel.control.ControlClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.databind.json.JsonMapper;

/** Registers {@link DirectRoutes} for the API, after the edge filters and before Spring Session's. */
@Configuration(proxyBeanMethods = false)
class DirectRouteConfiguration {

    /** After the security headers (first), the body limit (+10) and the parameter limit (+20); Spring Session is at +50. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

    @Bean
    FilterRegistrationBean<DirectRoutes> directRoutes(
            List<DirectRoute> routes,
            ControlClock clock,
            KeyRegistry keys,
            JsonMapper json,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
            MeterRegistry meters) {
        FilterRegistrationBean<DirectRoutes> registration =
                new FilterRegistrationBean<>(new DirectRoutes(routes, clock, keys, json, problems, meters));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
