package io.consentinel.audit;

import io.consentinel.zones.DecisionRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code decisions} rows into audit items; one select list for lists, lookups and exports. */
@Component
class DecisionItems implements RowMapper<DecisionItem> {

    static final String COLUMNS =
            "sequence, event_id, app_id, subject_id, subject_ref, event_type, jurisdiction, zone, outcome, "
                    + "reasons, fields, consent_record_ids, policy_version, occurred_at, received_at";

    private final JsonMapper json;

    DecisionItems(JsonMapper json) {
        this.json = json;
    }

    JsonMapper json() {
        return json;
    }

    @Override
    public DecisionItem mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new DecisionItem(
                rs.getObject("event_id", UUID.class),
                rs.getString("outcome"),
                rs.getString("zone"),
                rs.getString("policy_version"),
                DecisionRows.strings(rs.getArray("reasons")),
                DecisionRows.fields(rs.getString("fields")),
                rs.getString("subject_id"),
                rs.getString("subject_ref"),
                rs.getString("app_id"),
                rs.getString("event_type"),
                rs.getString("jurisdiction"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                DecisionRows.strings(rs.getArray("consent_record_ids")),
                rs.getLong("sequence"));
    }
}
