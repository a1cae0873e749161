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

    /**
     * Events carry no index on their subject (zone V8). An event row is its decision's (the primary key is the
     * decision's sequence, and a foreign key to it), written in the same transaction with the same subject, so
     * the subject's decisions (decisions_subject) lead to its events. Package-private for the test that reads
     * their plans.
     */
    static final String EVENTS_OF_SUBJECT = """
            select e.app_id, e.event_id, e.event_type, e.occurred_at, e.received_at, e.expires_at, e.attributes
            from decisions d join events e on e.sequence = d.sequence
            where d.subject_id = ? order by e.received_at desc, e.sequence desc""";

    static final String DELETE_EVENTS_OF_SUBJECT =
            "delete from events e using decisions d where d.subject_id = ? and e.sequence = d.sequence";

    /** The subject's stored events, newest first. */
    public List<StoredEvent> events(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql(EVENTS_OF_SUBJECT)
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
            int events =
                    store.jdbc().sql(DELETE_EVENTS_OF_SUBJECT).param(subjectId).update();
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
