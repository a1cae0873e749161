package io.consentinel.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A full application on a random port, over the shared real PostgreSQL stores. Tests share one context
 * and one set of databases, so each test uses its own subject, app and event ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    private Api api;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        TestStores.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** An HTTP client for this application, acting with the bootstrap admin key. */
    protected Api api() {
        if (api == null) {
            api = new Api("http://127.0.0.1:" + port, TestStores.ADMIN_KEY);
        }
        return api;
    }

    /** An anonymous HTTP client for the actuator's own port (docs/DEPLOYMENT.md). */
    protected Api management() {
        return new Api("http://127.0.0.1:" + managementPort, null);
    }
}
