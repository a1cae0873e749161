package io.consentinel.zones;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one group's decisions and stored events into a zone store, in the caller's transaction: COPY for
 * a big group, a batched insert for a small one.
 */
final class DecisionWrites {

    private final JdbcTemplate jdbc;

    DecisionWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<PendingDecision> fresh, List<DecisionRecord> chained) {
        if (chained.size() >= COPY_FROM) {
            copyDecisions(chained);
            copyEvents(fresh, chained);
        } else {
            insertDecisionRows(chained);
            insertEventRows(fresh, chained);
        }
    }

    private static final String COPY_DECISIONS = "copy decisions (" + DecisionRows.COLUMNS + ") from stdin";
    private static final String COPY_EVENTS = "copy events (app_id, event_id, sequence, subject_id, event_type,"
            + " occurred_at, received_at, expires_at, attributes) from stdin";

    /**
     * A big group is copied in: COPY costs the server less per row than parameters of multi-row inserts,
     * but more to set up than a prepared insert, so small groups (single events under load) insert.
     */
    static final int COPY_FROM = 64;

    private void copyDecisions(List<DecisionRecord> chained) {
        copy(COPY_DECISIONS, rows -> {
            for (DecisionRecord d : chained) {
                rows.number(d.sequence())
                        .uuid(d.eventId())
                        .text(d.appId())
                        .text(d.subjectId())
                        .text(d.subjectRef())
                        .text(d.eventType())
                        .text(d.jurisdiction())
                        .text(d.zone())
                        .text(d.outcome())
                        .textArray(d.reasons())
                        .jsonFields(d.fields())
                        .textArray(d.consentRecordIds())
                        .text(d.policyVersion())
                        .instant(d.occurredAt())
                        .instant(d.receivedAt())
                        .endRow();
            }
        });
    }

    private void copyEvents(List<PendingDecision> fresh, List<DecisionRecord> chained) {
        if (fresh.stream().allMatch(pending -> pending.storedAttributes() == null)) {
            return;
        }
        copy(COPY_EVENTS, rows -> {
            for (int i = 0; i < fresh.size(); i++) {
                PendingDecision pending = fresh.get(i);
                if (pending.storedAttributes() == null) {
                    continue;
                }
                DecisionRecord d = chained.get(i);
                rows.text(d.appId())
                        .uuid(d.eventId())
                        .number(d.sequence())
                        .text(d.subjectId())
                        .text(d.eventType())
                        .instant(d.occurredAt())
                        .instant(d.receivedAt())
                        .instant(pending.expiresAt())
                        .json(pending.storedAttributes())
                        .endRow();
            }
        });
    }

    /** Streams the rows that {@code write} produces to the server, a chunk at a time. */
    private void copy(String sql, Consumer<CopyText> write) {
        jdbc.execute((Connection connection) -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                CopyText rows = new CopyText(bytes -> copy.writeToCopy(bytes, 0, bytes.length));
                write.accept(rows);
                rows.flush();
                copy.endCopy();
            } catch (CopyText.SinkFailed e) {
                cancel(copy, e.getCause());
                throw e.getCause();
            } catch (SQLException | RuntimeException e) {
                cancel(copy, e);
                throw e;
            }
            return null;
        });
    }

    private static void cancel(CopyIn copy, Exception failure) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException cancel) {
                failure.addSuppressed(cancel);
            }
        }
    }

    private void insertDecisionRows(List<DecisionRecord> chained) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into decisions (" + DecisionRows.COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
                for (DecisionRecord d : chained) {
                    insert.setLong(1, d.sequence());
                    insert.setObject(2, d.eventId());
                    insert.setString(3, d.appId());
                    insert.setString(4, d.subjectId());
                    insert.setString(5, d.subjectRef());
                    insert.setString(6, d.eventType());
                    insert.setString(7, d.jurisdiction());
                    insert.setString(8, d.zone());
                    insert.setString(9, d.outcome());
                    insert.setArray(
                            10, connection.createArrayOf("text", d.reasons().toArray()));
                    insert.setString(11, JsonText.of(d.fields()));
                    insert.setArray(
                            12,
                            connection.createArrayOf(
                                    "text", d.consentRecordIds().toArray()));
                    insert.setString(13, d.policyVersion());
                    insert.setTimestamp(14, Timestamp.from(d.occurredAt()));
                    insert.setTimestamp(15, Timestamp.from(d.receivedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void insertEventRows(List<PendingDecision> fresh, List<DecisionRecord> chained) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert =
                    connection.prepareStatement("insert into events (app_id, event_id, sequence,"
                            + " subject_id, event_type, occurred_at, received_at, expires_at, attributes)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                boolean any = false;
                for (int i = 0; i < fresh.size(); i++) {
                    PendingDecision pending = fresh.get(i);
                    if (pending.storedAttributes() == null) {
                        continue;
                    }
                    DecisionRecord d = chained.get(i);
                    insert.setString(1, d.appId());
                    insert.setObject(2, d.eventId());
                    insert.setLong(3, d.sequence());
                    insert.setString(4, d.subjectId());
                    insert.setString(5, d.eventType());
                    insert.setTimestamp(6, Timestamp.from(d.occurredAt()));
                    insert.setTimestamp(7, Timestamp.from(d.receivedAt()));
                    insert.setTimestamp(8, pending.expiresAt() == null ? null : Timestamp.from(pending.expiresAt()));
                    insert.setString(9, JsonText.of(pending.storedAttributes()));
                    insert.addBatch();
                    any = true;
                }
                if (any) {
                    insert.executeBatch();
                }
            }
            return null;
        });
    }
}
