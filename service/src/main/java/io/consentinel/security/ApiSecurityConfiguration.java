package io.consentinel.security;

import io.consentinel.control.ControlClock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The API's security: bearer API keys on {@code /v1/**} (and the SDK ingestion paths), stateless, with no
 * session and no CSRF token, since no browser cookie ever authenticates them. The chain only authenticates;
 * each handler's {@link Allowed} roles decide, once Spring MVC has picked the handler (see {@link RoleCheck}).
 * Everything else that is not the console (actuator, OpenAPI) is open, and a valid key there only adds what
 * an admin may see in health details.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ApiSecurityConfiguration {

    /** Paths authenticated by API keys only. {@code /compat/**} also takes the key as HTTP Basic user name. */
    static final String[] API_PATHS = {"/v1/**", "/compat/**", "/otlp/**"};

    /** Open paths outside the console: the probes on the API port, the actuator, and the API description. */
    static final String[] OPEN_PATHS = {
        "/readyz", "/livez", "/actuator/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"
    };

    /** The one provider that turns a presented key into a {@link Caller}; as a bean it also stops Boot's generated user. */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(KeyRegistry registry) {
        return new ApiKeyAuthenticationProvider(registry);
    }

    /**
     * The firewall's own method check would refuse a method nobody implements with a bare 400. Spring MVC
     * already refuses every method a handler does not declare, with 405 problem details, and authorization
     * is per handler, so an unknown method can reach nothing; the firewall's other checks stay on.
     */
    @Bean
    WebSecurityCustomizer unknownMethodsReachTheMethodCheck() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return web -> web.httpFirewall(firewall);
    }

    /**
     * Without this, Spring Security wraps every filter of every chain, and each authentication and
     * authorization, in an observation decorator, even when the observations themselves are switched off
     * (as {@code management.observations.enable.spring.security=false} does): one wrapper object and an
     * attribute lookup per filter per request, on the single-event path (docs/BENCHMARKS.md). With it, the
     * chains run undecorated. {@code http.server.requests} and the {@code consentinel.*} metrics stay.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            ApiKeyAuthenticationProvider provider,
            ControlClock clock,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        ProblemResponses responses = new ProblemResponses(problems);
        http.securityMatcher(API_PATHS)
                // RoleCheck authorizes, per handler; an anonymous request to a handler is its 401 there.
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return keyAuthenticated(http, provider, clock, responses, problems).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain open(
            HttpSecurity http,
            ApiKeyAuthenticationProvider provider,
            ControlClock clock,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        http.securityMatcher(OPEN_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return keyAuthenticated(http, provider, clock, new ProblemResponses(problems), problems)
                .build();
    }

    private static HttpSecurity keyAuthenticated(
            HttpSecurity http,
            ApiKeyAuthenticationProvider provider,
            ControlClock clock,
            ProblemResponses responses,
            HandlerExceptionResolver problems) {
        return http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(responses).accessDeniedHandler(responses))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(clock, new ProviderManager(provider), responses, problems),
                        AuthorizationFilter.class);
    }
}
