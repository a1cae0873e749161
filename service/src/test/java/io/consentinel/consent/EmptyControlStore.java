package io.consentinel.consent;

import io.consentinel.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
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

    /** Appends {@code count} records behind the service's back, for subjects {@code s-1} to {@code s-<count>}, without purposes. */
    static void insertRecords(JdbcTemplate jdbc, int count) {
        jdbc.update("""
                insert into consent_records
                    (id, subject_id, jurisdiction, notice_version, captured_at, recorded_at, recorded_by)
                select gen_random_uuid(), 's-' || g, 'IN', 'notice-1', now(), now(), 'bootstrap'
                from generate_series(1, ?) g""", count);
    }
}
