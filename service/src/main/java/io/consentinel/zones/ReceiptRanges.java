package io.consentinel.zones;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns receipt-time filters into sequence bounds (zone V6, {@code receipt_ranges}). Decisions are read
 * newest first by sequence, but received before their sequence is given, with no limit on the delay; the
 * table's running bounds say exactly which sequences can hold a receipt time, so a {@code to} far in the
 * past starts its walk near its first match instead of at the newest decision.
 */
final class ReceiptRanges {

    private static final String RECORD = "with lowered as ("
            + " update receipt_ranges set earliest_from_here = ? where earliest_from_here > ?)"
            + " insert into receipt_ranges"
            + " (last_sequence, first_sequence, earliest, latest, earliest_from_here, latest_so_far)"
            + " values (?, ?, ?, ?, ?, greatest(?, (select latest_so_far from receipt_ranges"
            + " order by last_sequence desc limit 1)))";

    private ReceiptRanges() {}

    /**
     * Adds a group commit's range, in its transaction and under the chain-head lock, so ranges follow
     * sequences. Only a commit that carries a receipt older than some newer range's lowers them.
     */
    static void record(JdbcTemplate jdbc, List<DecisionRecord> chained) {
        Instant earliest = chained.getFirst().receivedAt();
        Instant latest = earliest;
        for (DecisionRecord d : chained) {
            Instant received = d.receivedAt();
            earliest = received.isBefore(earliest) ? received : earliest;
            latest = received.isAfter(latest) ? received : latest;
        }
        record(jdbc, chained.getFirst().sequence(), chained.getLast().sequence(), earliest, latest);
    }

    static void record(JdbcTemplate jdbc, long first, long last, Instant earliest, Instant latest) {
        Timestamp e = Timestamp.from(earliest);
        Timestamp l = Timestamp.from(latest);
        jdbc.update(RECORD, e, e, last, first, e, l, e, l);
    }

    /**
     * The criteria's condition with the sequences its {@code from} and {@code to} allow. A bound that no
     * range meets matches nothing ({@code sequence >= Long.MAX_VALUE}, {@code sequence <= 0}).
     */
    static DecisionCriteria.Sql where(JdbcClient jdbc, DecisionCriteria criteria) {
        DecisionCriteria.Sql where = criteria.where();
        if (criteria.from() != null) {
            Long first = jdbc.sql("select first_sequence from receipt_ranges where latest_so_far >= ?"
                            + " order by latest_so_far, last_sequence limit 1")
                    .param(utc(criteria.from()))
                    .query(Long.class)
                    .optional()
                    .orElse(Long.MAX_VALUE);
            where = where.and("sequence >= ?", first);
        }
        if (criteria.to() != null) {
            Long last = jdbc.sql("select last_sequence from receipt_ranges where earliest_from_here < ?"
                            + " order by earliest_from_here desc, last_sequence desc limit 1")
                    .param(utc(criteria.to()))
                    .query(Long.class)
                    .optional()
                    .orElse(0L);
            where = where.and("sequence <= ?", last);
        }
        return where;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
