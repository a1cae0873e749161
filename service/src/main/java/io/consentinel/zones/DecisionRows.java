package io.consentinel.zones;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps {@code decisions} rows, selected with {@link #COLUMNS}, back to {@link DecisionRecord}s. */
public final class DecisionRows implements RowMapper<DecisionRecord> {

    public static final String COLUMNS =
            "sequence, event_id, app_id, subject_id, subject_ref, event_type, jurisdiction,"
                    + " zone, outcome, reasons, fields, consent_record_ids, policy_version, occurred_at, received_at";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<DecisionRecord.Field>> FIELDS = new TypeReference<>() {};

    @Override
    public DecisionRecord mapRow(ResultSet rs, int rowNum) throws SQLException {
        return new DecisionRecord(
                rs.getLong("sequence"),
                rs.getObject("event_id", UUID.class),
                rs.getString("app_id"),
                rs.getString("subject_id"),
                rs.getString("subject_ref"),
                rs.getString("event_type"),
                rs.getString("jurisdiction"),
                rs.getString("zone"),
                rs.getString("outcome"),
                strings(rs.getArray("reasons")),
                fields(rs.getString("fields")),
                strings(rs.getArray("consent_record_ids")),
                rs.getString("policy_version"),
                rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("received_at").toInstant());
    }

    static String fieldsJson(List<DecisionRecord.Field> fields) {
        return JSON.writeValueAsString(fields);
    }

    /** A {@code text[]} column as a list; a null array reads as empty. */
    public static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** The {@code fields} jsonb column. */
    public static List<DecisionRecord.Field> fields(String json) {
        return json == null ? List.of() : JSON.readValue(json, FIELDS);
    }
}
