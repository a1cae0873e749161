package io.consentinel.subjects;

import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.ZoneStore;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** One subject's rows in one store, read for the report. */
@Component
class ZoneSubjects {

    private static final DecisionRows DECISIONS = new DecisionRows();

    private final JsonMapper json;

    ZoneSubjects(JsonMapper json) {
        this.json = json;
    }

    List<SubjectReport.Decision> decisions(ZoneStore store, String subjectId) {
        return store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions where subject_id = ? order by sequence desc")
                .param(subjectId)
                .query((rs, n) -> SubjectReport.Decision.of(store.name(), DECISIONS.mapRow(rs, n)))
                .list();
    }

    List<SubjectReport.StoredEvent> events(ZoneStore store, String subjectId) {
        return store.jdbc().sql("""
                        select app_id, event_id, event_type, occurred_at, received_at, expires_at, attributes
                        from events where subject_id = ? order by received_at desc, sequence desc""")
                .param(subjectId)
                .query((ResultSet rs, int n) -> new SubjectReport.StoredEvent(
                        store.name(),
                        rs.getString("app_id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        ConsentHistory.instant(rs, "occurred_at"),
                        ConsentHistory.instant(rs, "received_at"),
                        ConsentHistory.instant(rs, "expires_at"),
                        json.readTree(rs.getString("attributes"))))
                .list();
    }
}
