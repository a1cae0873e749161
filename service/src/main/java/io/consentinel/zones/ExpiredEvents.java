package io.consentinel.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes one zone's expired events in bounded batches, each its own short transaction, so that neither
 * ingestion nor readers wait behind a purge. Several nodes may purge at once: deletes are idempotent, and a
 * per-zone advisory lock makes the others skip a zone that is being purged instead of racing for its rows.
 */
@Component
public class ExpiredEvents {

    /** The first key of the advisory lock; the second is the zone, in case two zones share a database. */
    private static final int PURGE_LOCK = 0x52455431; // "RET1"

    private static final String DELETE_BATCH = """
            delete from events where ctid = any(array(
                select ctid from events where expires_at < now() limit ?))""";

    /** The number of events deleted, or empty when another node is purging the zone. */
    public OptionalLong purge(ZoneStore store, int batchSize) {
        // One connection throughout: a session-level advisory lock belongs to the connection that took it.
        return new JdbcTemplate(store.dataSource()).execute((ConnectionCallback<OptionalLong>) connection -> {
            connection.setAutoCommit(true);
            int zoneKey = store.name().hashCode();
            if (!lock(connection, "select pg_try_advisory_lock(?, ?)", zoneKey)) {
                return OptionalLong.empty();
            }
            try {
                long total = 0;
                int deleted;
                try (PreparedStatement delete = connection.prepareStatement(DELETE_BATCH)) {
                    delete.setInt(1, batchSize);
                    do {
                        deleted = delete.executeUpdate();
                        total += deleted;
                    } while (deleted == batchSize);
                }
                return OptionalLong.of(total);
            } finally {
                unlock(connection, zoneKey);
            }
        });
    }

    private static void unlock(Connection connection, int zoneKey) {
        try {
            lock(connection, "select pg_advisory_unlock(?, ?)", zoneKey);
        } catch (SQLException e) {
            // Only a broken connection fails here, and its session's end releases the lock anyway; the
            // purge's own failure, if any, is the one worth reporting.
        }
    }

    private static boolean lock(Connection connection, String sql, int zoneKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, PURGE_LOCK);
            statement.setInt(2, zoneKey);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
