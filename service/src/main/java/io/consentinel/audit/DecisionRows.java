package io.consentinel.audit;

import io.consentinel.zones.DecisionRecord;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code decisions} rows into audit items; one select list for lists, lookups and exports. */
@Component
class DecisionRows implements RowMapper<DecisionItem> {

    static final String COLUMNS = "sequence, event_id, app_id, subject_id, event_type, jurisdiction, zone, outcome, "
            + "reasons, fields, consent_record_ids, policy_version, occurred_at, received_at";
    private static final TypeReference<List<DecisionRecord.Field>> FIELDS = new TypeReference<>() {};

    private final JsonMapper json;

    DecisionRows(JsonMapper json) {
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
                strings(rs.getArray("reasons")),
                fields(json, rs.getString("fields")),
                rs.getString("subject_id"),
                rs.getString("app_id"),
                rs.getString("event_type"),
                rs.getString("jurisdiction"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                strings(rs.getArray("consent_record_ids")),
                rs.getLong("sequence"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static List<DecisionRecord.Field> fields(JsonMapper json, String fields) {
        return fields == null ? List.of() : json.readValue(fields, FIELDS);
    }
}
