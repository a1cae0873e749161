package io.consentinel.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentinel.support.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class StoreConnectionsTests {

    @Test
    void aConnectionLostDuringTheCommitCountsAsLostThoughTheTransactionManagerReportsIt() {
        SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThat(StoreConnections.lost(new TransactionSystemException("JDBC commit failed", ioError)))
                .isTrue();
        assertThat(StoreConnections.lost(new DataAccessResourceFailureException("down")))
                .isTrue();
        assertThat(StoreConnections.lost(new CannotCreateTransactionException("no connection")))
                .isTrue();
    }

    @Test
    void aRefusedWriteIsNotALostConnection() {
        SQLException duplicate = new SQLException("duplicate key", "23505");

        assertThat(StoreConnections.lost(new DataIntegrityViolationException("refused", duplicate)))
                .isFalse();
        assertThat(StoreConnections.lost(new TransactionSystemException("JDBC commit failed", new SQLException())))
                .isFalse();
        assertThat(StoreConnections.lost(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void aLimitedConnectionGoesBackToThePoolWithoutTheLimit() throws SQLException {
        TestDatabases server = TestDatabases.shared();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.database("silence"));
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(1); // so both borrowings get the same connection
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection limited =
                    StoreConnections.silenceLimited(pool, Duration.ofSeconds(7)).getConnection()) {
                assertThat(limited.getNetworkTimeout()).isEqualTo(7_000);
            }
            try (Connection plain = pool.getConnection()) {
                assertThat(plain.getNetworkTimeout())
                        .as("audit queries and exports on the same pool keep no limit")
                        .isZero();
            }
        }
    }
}
