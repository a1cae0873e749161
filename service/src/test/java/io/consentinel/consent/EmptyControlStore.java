package io.consentinel.consent;

import io.consentinel.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A control store of a test's own, emptied (a local run may reuse the database) and migrated to the latest version. */
final class EmptyControlStore {

    private EmptyControlStore() {}

    static DriverManagerDataSource create(String purpose) {
        TestDatabases server = TestDatabases.shared();
        var dataSource = new DriverManagerDataSource(server.database(purpose), server.username(), server.password());
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/control")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
        return dataSource;
    }
}
