package io.consentinel.subjects;

import io.consentinel.zones.ChainHeads;
import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.ZoneStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** One subject's rows in one store: read for the report, erased on request. */
@Component
class ZoneSubjects {

    private static final DecisionRows DECISIONS = new DecisionRows();

    private final JsonMapper json;
    private final ChainHeads heads;

    ZoneSubjects(JsonMapper json, ChainHeads heads) {
        this.json = json;
        this.heads = heads;
    }

    List<SubjectReport.Decision> decisions(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions where subject_id = ? order by sequence desc")
                .param(subjectId)
                .query((rs, n) -> SubjectReport.Decision.of(store.name(), DECISIONS.mapRow(rs, n)))
                .list();
    }

    List<SubjectReport.StoredEvent> events(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql("""
                        select app_id, event_id, event_type, occurred_at, received_at, expires_at, attributes
                        from events where subject_id = ? order by received_at desc, sequence desc""")
                .param(subjectId)
                .query((ResultSet rs, int n) -> new SubjectReport.StoredEvent(
                        store.name(),
                        rs.getString("app_id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        instant(rs, "occurred_at"),
                        instant(rs, "received_at"),
                        instant(rs, "expires_at"),
                        json.readTree(rs.getString("attributes"))))
                .list();
    }

    /**
     * Deletes the subject's events and replaces its id in the decisions by the pseudonym, in one
     * transaction. Log entries carry {@code subject_ref}, not {@code subject_id}, so no leaf changes.
     */
    Erasure.Counts erase(ZoneStore store, String subjectId, String pseudonym) {
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
            return new Erasure.Counts(events, decisions);
        });
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
