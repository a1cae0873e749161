package io.consentinel.openapi;

import io.consentinel.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and {@code /swagger-ui.html}). Both are outside
 * {@code /v1/**}, so they need no key; every {@code /v1} operation needs {@code Authorization: Bearer <api-key>}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "apiKey";

    static {
        // The authenticated caller is resolved from the Authorization header, not from request parameters.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI consentinelOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.stream()
                .map(BuildProperties::getVersion)
                .findFirst()
                .orElseGet(() -> {
                    String v = OpenApiConfiguration.class.getPackage().getImplementationVersion();
                    return v == null ? "0.1.0-SNAPSHOT" : v;
                });
        return new OpenAPI()
                .info(new Info()
                        .title("Consentinel API")
                        .version(version)
                        .description("""
                                Consent and data-residency gateway for telemetry: records consent per subject, \
                                decides per event whether it is accepted, anonymised or rejected under the active \
                                policy, and stores it only in the store of its residency zone.

                                Every `/v1` operation needs `Authorization: Bearer <api-key>`; the key's role \
                                (app, collector, officer, admin) decides what it may do. An app key acts in its own app's \
                                scope; a collector key (a consent platform's backend) records vendor-wide consent \
                                and cannot post events.

                                Errors are RFC 9457 problem details (`application/problem+json`) with `type`, \
                                `title`, `status` and `detail`; validation errors add an `errors` list. Problem \
                                details never quote the request body.

                                A store that cannot be reached gives 503 with `Retry-After`. Each zone store \
                                commits on its own: when the events of one batch go to several zones and one \
                                zone's store is down, the 503's detail says so, and the events for the other zones \
                                may have been stored. Event ids make retries safe: retrying the same batch stores \
                                the rest and answers the events already stored with `duplicate: true`.""")
                        .license(new License().name("Proprietary")))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("api-key")
                                                .description(
                                                        "An API key issued by POST /v1/api-keys (or the bootstrap admin key).")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
