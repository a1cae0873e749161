package io.consentinel.policy;

import io.consentinel.ConsentinelProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Loads the first policy when the control store has none: {@code CONSENTINEL_POLICY_LOCATION}, else the
 * policy shipped in the jar. Runs before the server accepts requests. When several nodes start at once,
 * one wins and the others find the version taken, which is fine.
 */
@Component
class InitialPolicy implements InitializingBean {

    static final String SHIPPED = "classpath:" + DefaultPolicy.RESOURCE;
    private static final Logger log = LoggerFactory.getLogger(InitialPolicy.class);

    private final PolicyVersions versions;
    private final PolicyActivation activation;
    private final String location;

    InitialPolicy(PolicyVersions versions, PolicyActivation activation, ConsentinelProperties properties) {
        this.versions = versions;
        this.activation = activation;
        this.location = properties.policyLocation() == null
                        || properties.policyLocation().isBlank()
                ? SHIPPED
                : properties.policyLocation();
    }

    @Override
    public void afterPropertiesSet() {
        if (versions.count() > 0) {
            return;
        }
        Resource resource =
                new DefaultResourceLoader().getResource(location.contains(":") ? location : "file:" + location);
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the initial policy at " + location + ": " + e.getMessage(), e);
        }
        try {
            var saved = activation.activate(PolicyDocuments.read(text));
            log.info("Activated initial policy {} from {}", saved.version(), location);
        } catch (ErrorResponseException e) {
            if (e.getStatusCode().value() == 409) {
                log.info("Initial policy already activated by another node");
                return;
            }
            throw new IllegalStateException(
                    "The initial policy at " + location + " is invalid: "
                            + e.getBody().getProperties(),
                    e);
        }
    }
}
