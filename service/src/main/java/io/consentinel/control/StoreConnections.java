package io.consentinel.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections of the threads that many requests wait on: a zone's writer, the consent ledger's writer and
 * the change-log read. pgjdbc waits for a store's answer for ever by default, and a connection that the
 * network dropped without a reset (a partition, a host that failed over) would then hang that thread, and
 * every request queued behind it, until a restart. With a limit ({@code consentinel.store-silence-limit}),
 * the statement fails as a lost connection: the waiting requests are answered 503, the pool replaces the
 * connection and the next statement runs on a fresh one. The pool restores its default (no limit) when a
 * connection returns, so audit queries, exports and migrations on the same pools keep theirs.
 */
public final class StoreConnections {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    private StoreConnections() {}

    /**
     * Runs {@code work} in a transaction of {@code transactions} whose connection ({@code jdbc}'s) is limited.
     * When the connection is lost during the work, rolling back on it fails too, and the transaction
     * template would throw that failure instead; the loss is what happened, so the loss is thrown.
     */
    public static <T> T inTransaction(
            TransactionTemplate transactions, JdbcTemplate jdbc, Duration limit, Supplier<T> work) {
        RuntimeException[] lostDuringWork = {null};
        try {
            return transactions.execute(status -> {
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    limit(connection, limit);
                    return null;
                });
                try {
                    return work.get();
                } catch (RuntimeException failure) {
                    if (lost(failure)) {
                        lostDuringWork[0] = failure;
                    }
                    throw failure;
                }
            });
        } catch (RuntimeException failure) {
            throw lostDuringWork[0] != null ? lostDuringWork[0] : failure;
        }
    }

    /** A view of {@code dataSource} whose every connection is limited; for reads outside a transaction. */
    public static DataSource silenceLimited(DataSource dataSource, Duration limit) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                return limited(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return limited(super.getConnection(username, password));
            }

            private Connection limited(Connection connection) throws SQLException {
                try {
                    limit(connection, limit);
                    return connection;
                } catch (SQLException | RuntimeException e) {
                    connection.close();
                    throw e;
                }
            }
        };
    }

    /**
     * Whether a write failed because its store could not be reached or stopped answering, rather than
     * refusing what was written. A connection lost during the commit surfaces from the transaction manager,
     * not as {@link DataAccessResourceFailureException}, so the causes are searched for the SQLSTATE too.
     */
    public static boolean lost(RuntimeException failure) {
        if (failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private static void limit(Connection connection, Duration limit) throws SQLException {
        // The driver sets its socket's read timeout; the executor is part of the JDBC signature only.
        connection.setNetworkTimeout(Runnable::run, Math.toIntExact(limit.toMillis()));
    }
}
