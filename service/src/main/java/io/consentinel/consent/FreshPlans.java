package io.consentinel.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.postgresql.PGStatement;

/**
 * Statements on the ledger whose best plan changes as the ledger grows. The driver prepares a statement on
 * the server after a few runs, and PostgreSQL may then keep a generic plan made while the tables were small:
 * in a burst of appends into a new ledger, the writer's read-back and the log appender's purposes read kept
 * a hash join over the whole purposes table, 17 to 20 ms a statement at 30,000 records (docs/BENCHMARKS.md).
 * These statements are sent unprepared, so that each run is planned for its own parameters and the tables'
 * current sizes; planning costs far less than one such scan.
 */
final class FreshPlans {

    private FreshPlans() {}

    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        return statement;
    }
}
