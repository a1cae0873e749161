package io.consentinel.support;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The control store and two zone stores ({@code in}, {@code eu}) that the integration tests share. */
public final class TestStores {

    public static final String ADMIN_KEY = "test-bootstrap-admin-key-0123456789abcdef";
    public static final String PSEUDONYMISATION_KEY =
            Base64.getEncoder().encodeToString("test-pseudonymisation-key-32-bytes!!".getBytes());
    public static final String PSEUDONYMISATION_KEY_ID = "k1";
    /** The Ed25519 seed that signs the test logs' checkpoints (CONSENTINEL_LOG_SIGNING_KEY). */
    public static final String LOG_SIGNING_KEY =
            Base64.getEncoder().encodeToString("test-log-signing-seed-32-bytes!!".getBytes());

    private static Map<String, String> properties;

    private TestStores() {}

    /** An admin client for an application started on {@code port}. */
    public static Api api(int port) {
        return new Api("http://127.0.0.1:" + port, ADMIN_KEY);
    }

    /** Spring properties wiring the shared stores; the databases are created on first use. */
    public static synchronized Map<String, String> properties() {
        if (properties == null) {
            TestDatabases server = TestDatabases.shared();
            Map<String, String> p = new LinkedHashMap<>();
            p.put("spring.datasource.url", server.database("control"));
            p.put("spring.datasource.username", server.username());
            p.put("spring.datasource.password", server.password());
            // Several test runs share one server (max_connections is often 100): small pools, so that one
            // context does not hold half of it idle. Hikari keeps a pool full unless told otherwise.
            p.put("spring.datasource.hikari.maximum-pool-size", "8");
            p.put("spring.datasource.hikari.minimum-idle", "2");
            for (String zone : new String[] {"in", "eu"}) {
                p.put("consentinel.zones." + zone + ".url", server.database(zone));
                p.put("consentinel.zones." + zone + ".username", server.username());
                p.put("consentinel.zones." + zone + ".password", server.password());
                p.put("consentinel.zones." + zone + ".max-pool-size", "4");
            }
            p.put("consentinel.bootstrap-admin-key", ADMIN_KEY);
            p.put("consentinel.pseudonymisation.key", PSEUDONYMISATION_KEY);
            p.put("consentinel.pseudonymisation.key-id", PSEUDONYMISATION_KEY_ID);
            p.put("consentinel.log.signing-key", LOG_SIGNING_KEY);
            properties = Map.copyOf(p);
        }
        return properties;
    }
}
