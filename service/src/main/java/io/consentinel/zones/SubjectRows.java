package io.consentinel.zones;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** One subject's rows in one store: read for the access report, erased on request. */
@Component
public class SubjectRows {

    private static final DecisionRows DECISIONS = new DecisionRows();

    private final ChainHeads heads;

    SubjectRows(ChainHeads heads) {
        this.heads = heads;
    }

    /** What is stored of one event, after anonymisation; {@code attributes} is JSON text. */
    public record StoredEvent(
            String appId,
            UUID eventId,
            String type,
            Instant occurredAt,
            Instant receivedAt,
            Instant expiresAt,
            String attributes) {}

    /** What an erasure did in one store. */
    public record Erased(int eventsDeleted, int decisionsPseudonymised) {}

    /** The subject's decisions, newest sequence first. */
    public List<DecisionRecord> decisions(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions where subject_id = ? order by sequence desc")
                .param(subjectId)
                .query(DECISIONS)
                .list();
    }

    /** The subject's stored events, newest first. */
    public List<StoredEvent> events(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql("""
                        select app_id, event_id, event_type, occurred_at, received_at, expires_at, attributes
                        from events where subject_id = ? order by received_at desc, sequence desc""")
                .param(subjectId)
                .query((ResultSet rs, int n) -> new StoredEvent(
                        rs.getString("app_id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        instant(rs, "occurred_at"),
                        instant(rs, "received_at"),
                        instant(rs, "expires_at"),
                        rs.getString("attributes")))
                .list();
    }

    /**
     * Deletes the subject's events and replaces its id in the decisions by the pseudonym, in one
     * transaction. Log entries carry {@code subject_ref}, not {@code subject_id}, so no leaf changes.
     */
    public Erased erase(ZoneStore store, String subjectId, String pseudonym) {
        return store.transactions().execute(status -> {
            // Taking the chain head, as the zone's writers do, orders this erasure with their group commits:
            // an event of the subject committed before it is erased; one committed after arrived after it.
            heads.lock(store);
            int events = store.jdbc()
                    .sql("delete from events where subject_id = ?")
                    .param(subjectId)
                    .update();
            int decisions = store.jdbc()
                    .sql("update decisions set subject_id = ? where subject_id = ?")
                    .params(pseudonym, subjectId)
                    .update();
            return new Erased(events, decisions);
        });
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
