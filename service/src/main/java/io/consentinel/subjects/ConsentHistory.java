package io.consentinel.subjects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one subject's consent ledger for the report. Plain SQL over the ledger tables, as erasure does:
 * the consent module keeps its entities to itself, and the report only needs the rows as they are.
 */
@Component
class ConsentHistory {

    private final JdbcClient control;

    ConsentHistory(JdbcClient control) {
        this.control = control;
    }

    /** Every record of the subject, oldest first (capture order, then append order), as the history endpoint gives it. */
    List<SubjectReport.ConsentEntry> of(String subjectId) {
        Map<UUID, SubjectReport.ConsentEntry> records = new LinkedHashMap<>();
        Map<UUID, Map<String, String>> purposes = new LinkedHashMap<>();
        control.sql("""
                        select r.id, r.jurisdiction, r.notice_version, r.captured_at, r.expires_at, r.source, r.child,
                               r.tc_string, r.gpc, r.recorded_at, p.purpose, p.status
                        from consent_records r left join consent_record_purposes p on p.record_id = r.id
                        where r.subject_id = ?
                        order by r.captured_at, r.seq, p.purpose""")
                .param(subjectId)
                .query((ResultSet rs) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    if (!records.containsKey(id)) {
                        records.put(id, entry(id, rs));
                        purposes.put(id, new TreeMap<>());
                    }
                    if (rs.getString("purpose") != null) {
                        purposes.get(id).put(rs.getString("purpose"), rs.getString("status"));
                    }
                });
        List<SubjectReport.ConsentEntry> history = new ArrayList<>(records.size());
        records.forEach((id, entry) -> history.add(entry.withPurposes(purposes.get(id))));
        return history;
    }

    private static SubjectReport.ConsentEntry entry(UUID id, ResultSet rs) throws SQLException {
        return new SubjectReport.ConsentEntry(id, rs.getString("jurisdiction"), Map.of(), rs.getString("notice_version"),
                instant(rs, "captured_at"), instant(rs, "expires_at"), rs.getString("source"),
                rs.getObject("child", Boolean.class), rs.getString("tc_string"), rs.getObject("gpc", Boolean.class),
                instant(rs, "recorded_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
