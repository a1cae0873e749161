package io.consentinel.consent;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements of one ledger group, each one statement for the whole group however many records it holds:
 * the records, their purposes, and the read of every subject's records for the answers (the decision cache
 * loads its misses with that read too). Values go in as arrays that {@code unnest} turns into rows, in
 * array order, so {@code seq} follows the group's order.
 */
final class RecordGroups {

    private static final String INSERT_RECORDS = """
            insert into consent_records (id, subject_id, jurisdiction, notice_version, captured_at, expires_at, source,
                child, tc_string, gpc, gpp_string, recorded_at, recorded_by, app_id, imported)
            select * from unnest(?::text[]::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[],
                ?::text[]::timestamptz[], ?::text[], ?::text[]::boolean[], ?::text[], ?::text[]::boolean[], ?::text[],
                ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[]::boolean[])""";

    private static final String INSERT_PURPOSES = """
            insert into consent_record_purposes (record_id, purpose, status)
            select * from unnest(?::text[]::uuid[], ?::text[], ?::text[])""";

    /**
     * Purposes through a probe of their primary key, record by record. {@code offset 0} keeps the lateral
     * subquery a subquery: flattened, it is a join, which the statistics of a ledger filling up (or none at
     * all) plan as a hash join over the whole purposes table ({@code GrowingLedgerPlanTests}).
     */
    private static final String READ_SUBJECTS = """
            select r.subject_id, r.id, r.app_id, r.jurisdiction, r.child, r.captured_at, r.expires_at,
                r.notice_version, p.purpose, p.status
            from consent_records r
            left join lateral (
                select purpose, status from consent_record_purposes where record_id = r.id offset 0) p on true
            where r.subject_id = any(?::text[])
            order by r.subject_id, r.captured_at, r.seq""";

    private RecordGroups() {}

    /** Inserts the records and their purposes, in the caller's transaction. */
    static void insert(JdbcTemplate jdbc, List<RecordToAppend> group) {
        int n = group.size();
        String[][] columns = new String[15][n];
        List<String> purposeRecords = new ArrayList<>();
        List<String> purposeNames = new ArrayList<>();
        List<String> purposeStatuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordToAppend r = group.get(i);
            ConsentCommand c = r.command();
            String id = r.id().toString();
            columns[0][i] = id;
            columns[1][i] = r.subjectId();
            columns[2][i] = c.jurisdiction();
            columns[3][i] = c.noticeVersion();
            columns[4][i] = timestamptz(c.capturedAt());
            columns[5][i] = timestamptz(c.expiresAt());
            columns[6][i] = c.source();
            columns[7][i] = bool(c.child());
            columns[8][i] = c.tcString();
            columns[9][i] = bool(c.gpc());
            columns[10][i] = c.gppString();
            columns[11][i] = timestamptz(r.recordedAt());
            columns[12][i] = r.recordedBy();
            columns[13][i] = r.appId();
            columns[14][i] = Boolean.toString(c.imported());
            r.purposes().forEach((purpose, status) -> {
                purposeRecords.add(id);
                purposeNames.add(purpose);
                purposeStatuses.add(status);
            });
        }
        jdbc.execute(INSERT_RECORDS, (PreparedStatement insert) -> {
            for (int column = 0; column < columns.length; column++) {
                insert.setArray(column + 1, textArray(insert.getConnection(), columns[column]));
            }
            return insert.executeUpdate();
        });
        if (!purposeRecords.isEmpty()) {
            jdbc.execute(INSERT_PURPOSES, (PreparedStatement insert) -> {
                Connection connection = insert.getConnection();
                insert.setArray(1, textArray(connection, purposeRecords.toArray(String[]::new)));
                insert.setArray(2, textArray(connection, purposeNames.toArray(String[]::new)));
                insert.setArray(3, textArray(connection, purposeStatuses.toArray(String[]::new)));
                return insert.executeUpdate();
            });
        }
    }

    /** Every record of each subject, in every scope, in ledger order (capture time, then append order). */
    static Map<String, List<StoredRecord>> read(JdbcTemplate jdbc, Collection<String> subjectIds) {
        Map<String, List<StoredRecord>> bySubject = HashMap.newHashMap(subjectIds.size());
        jdbc.query(
                connection -> {
                    PreparedStatement select = FreshPlans.prepare(connection, READ_SUBJECTS);
                    select.setArray(1, textArray(connection, subjectIds.toArray(String[]::new)));
                    return select;
                },
                (ResultSet rs) -> {
                    List<StoredRecord> records = bySubject.computeIfAbsent(rs.getString(1), s -> new ArrayList<>());
                    UUID id = rs.getObject(2, UUID.class);
                    StoredRecord last = records.isEmpty() ? null : records.getLast();
                    if (last == null || !last.id().equals(id)) {
                        last = new StoredRecord(
                                id,
                                rs.getString(3),
                                rs.getString(4),
                                (Boolean) rs.getObject(5),
                                instant(rs, 6),
                                instant(rs, 7),
                                rs.getString(8),
                                new LinkedHashMap<>());
                        records.add(last);
                    }
                    String purpose = rs.getString(9);
                    if (purpose != null) {
                        last.purposes().put(purpose, rs.getString(10));
                    }
                });
        return bySubject;
    }

    private static Array textArray(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String bool(Boolean value) {
        return value == null ? null : value.toString();
    }

    /**
     * A timestamptz literal in UTC, as the JDBC driver writes one for the entity path: microseconds rounded
     * half up, a year of at least four digits, and "BC" for years before 1 (ISO's year 0 is 1 BC). Any
     * {@link Instant} the API accepts is written exactly, including years beyond 9999.
     */
    static String timestamptz(Instant value) {
        if (value == null) {
            return null;
        }
        long micros = Math.floorDiv(value.getNano() + 500, 1_000);
        long epochSecond = value.getEpochSecond() + micros / 1_000_000;
        int micro = (int) (micros % 1_000_000);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400);
        int year = date.getYear();
        boolean bc = year < 1;
        StringBuilder out = new StringBuilder(40);
        pad(bc ? 1 - year : year, 4, out);
        out.append('-');
        pad(date.getMonthValue(), 2, out);
        out.append('-');
        pad(date.getDayOfMonth(), 2, out);
        out.append(' ');
        pad(secondOfDay / 3600, 2, out);
        out.append(':');
        pad(secondOfDay / 60 % 60, 2, out);
        out.append(':');
        pad(secondOfDay % 60, 2, out);
        out.append('.');
        pad(micro, 6, out);
        out.append("+00");
        if (bc) {
            out.append(" BC");
        }
        return out.toString();
    }

    private static void pad(int value, int width, StringBuilder out) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
