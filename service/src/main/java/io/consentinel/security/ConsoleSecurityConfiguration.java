package io.consentinel.security;

import io.consentinel.control.ControlClock;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The officer console's security (every path the API chains do not take). Officers and admins sign in
 * with their key in a form; the session lives in the control store (Spring Session JDBC), so every
 * replica knows it, in an HttpOnly, SameSite=Strict cookie with an idle timeout. Every state-changing
 * form carries a CSRF token. The Content-Security-Policy allows scripts, styles and images from this
 * origin only, and no inline script at all.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(3)
    SecurityFilterChain console(
            HttpSecurity http,
            KeyRegistry registry,
            ControlClock clock,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers("/signin", "/console-assets/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/keys", "/keys/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/subjects/erase")
                        .hasRole(Role.ADMIN.name())
                        .anyRequest()
                        .hasAnyRole(Role.OFFICER.name(), Role.ADMIN.name()))
                .authenticationManager(new ProviderManager(new ConsoleSignIn(registry)))
                .formLogin(form -> form.loginPage("/signin")
                        .passwordParameter("key")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, failed) -> response.sendRedirect(request.getContextPath()
                                + (failed instanceof DisabledException ? "/signin?error=role" : "/signin?error=key"))))
                .logout(logout -> logout.logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedout")
                        .invalidateHttpSession(true)
                        .deleteCookies("CONSENTINEL_SESSION"))
                .httpBasic(basic -> basic.disable())
                .exceptionHandling(errors -> errors.accessDeniedPage("/denied"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .addFilterBefore(new SignedInKeyCheck(registry, clock, problems), AuthorizationFilter.class);
        return http.build();
    }
}
