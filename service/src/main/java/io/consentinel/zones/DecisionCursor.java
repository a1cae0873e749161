package io.consentinel.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;

/**
 * One store's matching decisions, newest sequence first, read through a server-side cursor: autocommit
 * off and a fetch size make the PostgreSQL driver fetch {@value #FETCH_SIZE} rows at a time, so memory
 * stays flat whatever the store holds. Holds a pooled connection until closed.
 */
public final class DecisionCursor implements Iterator<DecisionRecord>, AutoCloseable {

    static final int FETCH_SIZE = 500;
    /** Lets operators (and the streaming test) see an export's cursor in pg_stat_activity. */
    public static final String MARKER = "/* consentinel audit export */ ";

    private static final SQLExceptionSubclassTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();
    private static final DecisionRows ROWS = new DecisionRows();

    private final String store;
    private final Connection connection;
    private PreparedStatement statement;
    private ResultSet results;
    private Boolean ahead;

    private DecisionCursor(String store, Connection connection) {
        this.store = store;
        this.connection = connection;
    }

    static DecisionCursor open(ZoneStore store, DecisionCriteria criteria) {
        // The bounds are looked up before the cursor takes its connection: holding one while asking the pool
        // for another would let a few concurrent exports drain a small pool and wait on each other.
        DecisionCriteria.Sql where = ReceiptRanges.where(store.jdbc(), criteria);
        Connection connection;
        try {
            connection = store.dataSource().getConnection();
        } catch (SQLException e) {
            throw new StoreUnavailable("The store '" + store.name() + "' is unreachable; retry later", e);
        }
        DecisionCursor cursor = new DecisionCursor(store.name(), connection);
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            cursor.statement = connection.prepareStatement(
                    MARKER + "select " + DecisionRows.COLUMNS + " from decisions " + where.text()
                            + " order by sequence desc",
                    ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            cursor.statement.setFetchSize(FETCH_SIZE);
            List<Object> params = where.params();
            for (int i = 0; i < params.size(); i++) {
                cursor.statement.setObject(i + 1, params.get(i));
            }
            cursor.results = cursor.statement.executeQuery();
            return cursor;
        } catch (SQLException | RuntimeException e) {
            cursor.close();
            throw e instanceof SQLException sql ? translate(sql) : (RuntimeException) e;
        }
    }

    /** The store's name. */
    public String store() {
        return store;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            try {
                ahead = results.next();
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        return ahead;
    }

    @Override
    public DecisionRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ahead = null;
        try {
            return ROWS.mapRow(results, 0);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Ends the read-only transaction and returns the connection to its pool, even half-way through. */
    @Override
    public void close() {
        try (connection) {
            if (statement != null) {
                statement.close();
            }
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The pool discards a connection it cannot reset; nothing was written, so nothing is lost.
        }
    }

    private static DataAccessException translate(SQLException e) {
        DataAccessException translated = TRANSLATOR.translate("audit export", null, e);
        return translated != null ? translated : new UncategorizedSQLException("audit export", null, e);
    }
}
