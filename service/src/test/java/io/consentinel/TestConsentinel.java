package io.consentinel;

import io.consentinel.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;

/**
 * The local development run ({@code ./mvnw -pl service spring-boot:test-run}): real PostgreSQL for the
 * control store and the zones {@code in} and {@code eu}, found as the tests find it (CONSENTINEL_TEST_DB_URL,
 * else Testcontainers where Docker runs, else 127.0.0.1:5432), in databases kept between runs. Local mode
 * prints a bootstrap admin key and uses a public development pseudonymisation key unless they are configured.
 */
public final class TestConsentinel {

    private TestConsentinel() {}

    public static void main(String[] args) {
        TestDatabases server = TestDatabases.forLocalRun();
        List<String> all = new ArrayList<>();
        all.add("--spring.datasource.url=" + server.database("control"));
        all.add("--spring.datasource.username=" + server.username());
        all.add("--spring.datasource.password=" + server.password());
        for (String zone : List.of("in", "eu")) {
            all.add("--consentinel.zones." + zone + ".url=" + server.database(zone));
            all.add("--consentinel.zones." + zone + ".username=" + server.username());
            all.add("--consentinel.zones." + zone + ".password=" + server.password());
        }
        all.add("--consentinel.local=true");
        all.addAll(List.of(args));
        SpringApplication.from(Consentinel::main).run(all.toArray(String[]::new));
    }
}
