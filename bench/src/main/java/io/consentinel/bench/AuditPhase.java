package io.consentinel.bench;

import static io.consentinel.bench.Console.ms;
import static io.consentinel.bench.Console.say;
import static io.consentinel.bench.Console.seconds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * (e) The officers' audit queries on a zone store of {@code rows} decisions (1,000,000 in a full run), loaded
 * by {@code insert ... select generate_series} straight into a zone database with the zone migrations up to
 * a given version, so the current index set can be compared with an older one. The SQL is the shape
 * {@code audit/*} builds (DecisionFilter, DecisionPages, DecisionSummaries, StoreCursor): a page of 100 newest
 * first by sequence, half of them after a cursor; a summary's count plus its group-by; an export streamed
 * with a fetch size. Decisions span the last 90 days, receipt time growing with the sequence as the writers
 * assign both.
 */
final class AuditPhase {

    // Targets (docs/BENCHMARKS.md, issue 15). Never lower these to make a run pass.
    static final double LIST_P95_TARGET_MS = 300;
    static final double SUMMARY_P95_TARGET_MS = 3_000;

    static final String COLUMNS = "sequence, event_id, app_id, subject_id, event_type, jurisdiction, zone, outcome,"
            + " reasons, fields, consent_record_ids, policy_version, occurred_at, received_at";

    private static final int SUBJECTS = 100_000;
    private static final int PAGE = 100;
    private static final int EXPORT_ROWS = 100_000;
    private static final String[] TYPES = {
        "page_view", "app_open", "song_play", "crash_report", "search", "purchase", "notification_open", "settings"
    };
    private static final String[] REASONS = {"MINIMISED", "CONSENT_MISSING", "CONSENT_WITHDRAWN", "UNCLASSIFIED_FIELD"};

    /** One query's latencies; p95 against its target (0 for none). */
    record Timing(String name, double p50Ms, double p95Ms, double targetMs) {
        boolean met() {
            return targetMs <= 0 || p95Ms <= targetMs;
        }
    }

    /** What one index set gave: load rate, index size, and every query's timing. */
    record Result(String indexSet, long rows, double loadSeconds, long indexBytes, List<Timing> timings) {
        List<String> failures() {
            return timings.stream()
                    .filter(t -> !t.met())
                    .map(t -> String.format(
                            "audit %s (%s) p95 %.0f ms > %.0f ms", t.name(), indexSet, t.p95Ms(), t.targetMs()))
                    .toList();
        }
    }

    /** Zone V6 added receipt_ranges, which the service reads to turn from/to into sequence bounds. */
    private static final int RANGES_VERSION = 6;
    /** Decisions per group commit in the loaded ranges: about what single events under load commit together. */
    private static final int RANGE_SIZE = 10;

    private final Databases databases;
    private final int rows;
    private final int repeats;
    private boolean ranges;

    AuditPhase(Databases databases, int rows, int repeats) {
        this.databases = databases;
        this.rows = rows;
        this.repeats = repeats;
    }

    /** Creates {@code <prefix>_<name>} with zone migrations up to {@code maxVersion}, loads it and times the queries. */
    Result run(String name, int maxVersion, String indexSet) throws SQLException {
        databases.createZone(name, maxVersion);
        ranges = maxVersion >= RANGES_VERSION;
        try (Connection c = databases.open(name)) {
            double load = load(c);
            long indexBytes;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select pg_indexes_size('decisions')")) {
                rs.next();
                indexBytes = rs.getLong(1);
            }
            say(
                    "(e) audit, %s: %,d decisions loaded in %.1f s (%,.0f rows/s with its indexes), indexes %,d MiB",
                    indexSet, rows, load, rows / load, indexBytes >> 20);
            List<Timing> timings = queries(c);
            for (Timing t : timings) {
                say(
                        "(e)   %-34s p50 %8.1f ms  p95 %8.1f ms%s",
                        t.name(),
                        t.p50Ms(),
                        t.p95Ms(),
                        t.targetMs() > 0
                                ? String.format("  (target <= %.0f ms) %s", t.targetMs(), t.met() ? "ok" : "ABOVE")
                                : "");
            }
            return new Result(indexSet, rows, load, indexBytes, timings);
        }
    }

    /** Loads in chunks of 100,000 rows (one transaction each), then analyses; returns the seconds it took. */
    private double load(Connection c) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("insert into decisions (sequence, event_id, app_id,"
                + " subject_id, subject_ref, event_type, jurisdiction, zone, outcome, reasons, fields,"
                + " consent_record_ids, policy_version, occurred_at, received_at)"
                + " select g, gen_random_uuid(), (array['mi-browser','mi-music','mi-system'])[1 + floor(random() * 3)::int],"
                + " s, 'ref-' || md5(s), t, (array['" + String.join("','", Events.EU)
                + "'])[1 + floor(random() * 27)::int],"
                + " 'eu', o, case o when 'accepted' then '{}'::text[] when 'rejected' then array['CONSENT_MISSING']"
                + "   else (array['{MINIMISED}', '{MINIMISED,UNCLASSIFIED_FIELD}', '{CONSENT_WITHDRAWN}'])"
                + "        [1 + floor(random() * 3)::int]::text[] end,"
                + " jsonb_build_array(jsonb_build_object('path', 'device.id', 'category', 'device.identifier',"
                + "   'action', case o when 'accepted' then 'keep' else 'pseudonymise' end),"
                + "   jsonb_build_object('path', 'page.url', 'category', (array['usage','content','location.coarse'])"
                + "   [1 + floor(random() * 3)::int], 'action', (array['keep','truncate','drop'])[1 + floor(random() * 3)::int])),"
                + " array['cr-' || md5(s)], 'default@1', ts - interval '2 seconds', ts"
                + " from (select g, 'subject-' || floor(random() * " + SUBJECTS + ")::int as s,"
                + "   (array['" + String.join("','", TYPES) + "'])[1 + floor(random() * 8)::int] as t,"
                + "   case when random() < 0.1 then 'accepted' when random() < 0.12 then 'rejected' else 'anonymised' end as o,"
                + "   ?::timestamptz + (g * interval '90 days') / ? as ts"
                + "   from generate_series(?::bigint, ?::bigint) g) x")) {
            c.setAutoCommit(false);
            Timestamp first = Timestamp.from(Instant.now().minus(90, ChronoUnit.DAYS));
            for (long from = 1; from <= rows; from += 100_000) {
                insert.setTimestamp(1, first);
                insert.setLong(2, rows);
                insert.setLong(3, from);
                insert.setLong(4, Math.min(rows, from + 99_999));
                insert.executeUpdate();
                c.commit();
            }
            c.setAutoCommit(true);
        }
        if (ranges) {
            // What the writers would have recorded, one range per group commit (zone V6's back-fill, in groups of ten).
            try (Statement s = c.createStatement()) {
                s.execute("insert into receipt_ranges select last_sequence, first_sequence, earliest, latest,"
                        + " min(earliest) over (order by last_sequence desc rows between unbounded preceding and current row),"
                        + " max(latest) over (order by last_sequence rows between unbounded preceding and current row)"
                        + " from (select max(sequence) as last_sequence, min(sequence) as first_sequence,"
                        + " min(received_at) as earliest, max(received_at) as latest"
                        + " from decisions group by (sequence - 1) / " + RANGE_SIZE + ") ranges");
            }
        }
        double seconds = seconds(System.nanoTime() - start);
        try (Statement s = c.createStatement()) {
            s.execute("vacuum analyze decisions");
            if (ranges) {
                s.execute("vacuum analyze receipt_ranges");
            }
        }
        return seconds;
    }

    private List<Timing> queries(Connection c) throws SQLException {
        Random random = new Random(15);
        Instant now = Instant.now();
        List<Timing> timings = new ArrayList<>();
        // Each single filter the list takes, then two-filter combinations; values vary per repeat.
        timings.add(list(
                c, "list subjectId", "subject_id = ?", () -> new Object[] {"subject-" + random.nextInt(SUBJECTS)}));
        timings.add(list(c, "list appId", "app_id = ?", () -> new Object[] {pick(random, Events.APPS)}));
        timings.add(list(c, "list type", "event_type = ?", () -> new Object[] {pick(random, TYPES)}));
        timings.add(list(c, "list jurisdiction", "jurisdiction = ?", () -> new Object[] {pick(random, Events.EU)}));
        timings.add(list(c, "list outcome", "outcome = ?", () ->
                new Object[] {pick(random, new String[] {"accepted", "anonymised", "rejected"})}));
        timings.add(list(c, "list reason", "reasons @> array[?]::text[]", () -> new Object[] {pick(random, REASONS)}));
        timings.add(list(c, "list category", "fields @> ?::jsonb", () -> new Object[] {
            "[{\"category\": \"" + pick(random, new String[] {"usage", "content", "location.coarse"}) + "\"}]"
        }));
        timings.add(list(c, "list action", "fields @> ?::jsonb", () ->
                new Object[] {"[{\"action\": \"" + pick(random, new String[] {"keep", "truncate", "drop"}) + "\"}]"}));
        timings.add(list(
                c,
                "list from (last 7 days)",
                "received_at >= ?",
                () -> new Object[] {Timestamp.from(now.minus(7, ChronoUnit.DAYS))},
                v -> new long[] {sequenceAt((Timestamp) v[0], now), rows},
                new Window(0, -1)));
        timings.add(list(
                c,
                "list to (older than 60 days)",
                "received_at < ?",
                () -> new Object[] {Timestamp.from(now.minus(60 + random.nextInt(20), ChronoUnit.DAYS))},
                v -> new long[] {1, sequenceAt((Timestamp) v[0], now)},
                new Window(-1, 0)));
        timings.add(list(c, "list appId + outcome", "app_id = ? and outcome = ?", () ->
                new Object[] {pick(random, Events.APPS), pick(random, new String[] {"accepted", "rejected"})}));
        timings.add(list(c, "list jurisdiction + reason", "jurisdiction = ? and reasons @> array[?]::text[]", () ->
                new Object[] {pick(random, Events.EU), pick(random, REASONS)}));
        timings.add(list(
                c,
                "list subjectId + from/to",
                "subject_id = ? and received_at >= ? and received_at < ?",
                () -> {
                    Instant from = now.minus(10 + random.nextInt(60), ChronoUnit.DAYS);
                    return new Object[] {
                        "subject-" + random.nextInt(SUBJECTS),
                        Timestamp.from(from),
                        Timestamp.from(from.plus(30, ChronoUnit.DAYS))
                    };
                },
                v -> new long[] {sequenceAt((Timestamp) v[1], now), sequenceAt((Timestamp) v[2], now)},
                new Window(1, 2)));
        timings.add(summary(c, random, now));
        timings.add(export(c));
        return timings;
    }

    private Timing list(Connection c, String name, String condition, Supplier<Object[]> values) throws SQLException {
        return list(c, name, condition, values, v -> new long[] {rows / 2, rows}, Window.NONE);
    }

    /**
     * {@code cursorRange} gives, for a repeat's values, the sequences a cursor can point into: an officer
     * paging back follows cursors from earlier pages, which lie among the matching rows.
     */
    private Timing list(
            Connection c,
            String name,
            String condition,
            Supplier<Object[]> values,
            Function<Object[], long[]> cursorRange,
            Window window)
            throws SQLException {
        long[] latencies = new long[repeats];
        String where = condition + boundConditions(window);
        String first = "select " + COLUMNS + " from decisions where " + where + " order by sequence desc limit ?";
        String next = "select " + COLUMNS + " from decisions where " + where
                + " and sequence < ? order by sequence desc limit ?";
        Random cursors = new Random(name.hashCode());
        for (int i = 0; i < repeats; i++) {
            Object[] v = values.get();
            // Half the pages follow a cursor somewhere in the newer half, as an officer paging back would.
            boolean cursor = i % 2 == 1;
            long cursorAt = 0;
            if (cursor) {
                long[] range = cursorRange.apply(v);
                cursorAt = range[0] + (long) (cursors.nextDouble() * (range[1] - range[0]));
            }
            try (PreparedStatement s = c.prepareStatement(cursor ? next : first)) {
                long start = System.nanoTime();
                List<Object> params = new ArrayList<>(Arrays.asList(v));
                params.addAll(boundValues(c, window, v));
                if (cursor) {
                    params.add(cursorAt);
                }
                params.add(PAGE + 1);
                for (int k = 0; k < params.size(); k++) {
                    s.setObject(k + 1, params.get(k));
                }
                try (ResultSet rs = s.executeQuery()) {
                    drain(rs);
                }
                latencies[i] = System.nanoTime() - start;
            }
        }
        return timing(name, latencies, LIST_P95_TARGET_MS);
    }

    /** Which of a query's values are its from and to (-1: none), for the sequence bounds the service adds. */
    record Window(int from, int to) {
        static final Window NONE = new Window(-1, -1);
    }

    /** The service's conditions for a window on an index set with receipt ranges (zones.ReceiptRanges), placed last. */
    private String boundConditions(Window window) {
        if (!ranges) {
            return "";
        }
        return (window.from() >= 0 ? " and sequence >= ?" : "") + (window.to() >= 0 ? " and sequence <= ?" : "");
    }

    /** The sequence bounds for a window, looked up as the service does (inside the caller's timed span). */
    private List<Object> boundValues(Connection c, Window window, Object[] v) throws SQLException {
        List<Object> bounds = new ArrayList<>(2);
        if (ranges && window.from() >= 0) {
            bounds.add(lookup(
                    c,
                    "select first_sequence from receipt_ranges where latest_so_far >= ?"
                            + " order by latest_so_far, last_sequence limit 1",
                    v[window.from()],
                    Long.MAX_VALUE));
        }
        if (ranges && window.to() >= 0) {
            bounds.add(lookup(
                    c,
                    "select last_sequence from receipt_ranges where earliest_from_here < ?"
                            + " order by earliest_from_here desc, last_sequence desc limit 1",
                    v[window.to()],
                    0L));
        }
        return bounds;
    }

    private static long lookup(Connection c, String sql, Object time, long none) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, time);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : none;
            }
        }
    }

    /** A 30-day summary grouped by outcome and zone: the total, then the groups, as DecisionSummaries runs them. */
    private Timing summary(Connection c, Random random, Instant now) throws SQLException {
        int n = Math.max(3, repeats / 4);
        long[] latencies = new long[n];
        for (int i = 0; i < n; i++) {
            Instant from = now.minus(30 + random.nextInt(60), ChronoUnit.DAYS);
            Timestamp f = Timestamp.from(from);
            Timestamp t = Timestamp.from(from.plus(30, ChronoUnit.DAYS));
            Window window = new Window(0, 1);
            String where = "received_at >= ? and received_at < ?" + boundConditions(window);
            long start = System.nanoTime();
            try (PreparedStatement total = c.prepareStatement("select count(*) from decisions where " + where);
                    PreparedStatement groups = c.prepareStatement(
                            "select d.outcome, d.zone, count(*) from decisions d where " + where + " group by 1, 2")) {
                for (PreparedStatement s : List.of(total, groups)) {
                    // DecisionQueries.count and countGroups each look their bounds up.
                    List<Object> params = new ArrayList<>(List.of(f, t));
                    params.addAll(boundValues(c, window, new Object[] {f, t}));
                    for (int k = 0; k < params.size(); k++) {
                        s.setObject(k + 1, params.get(k));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        drain(rs);
                    }
                }
            }
            latencies[i] = System.nanoTime() - start;
        }
        return timing("summary 30 days by outcome, zone", latencies, SUMMARY_P95_TARGET_MS);
    }

    /** The newest 100,000 decisions streamed with a fetch size, as StoreCursor reads an export. */
    private Timing export(Connection c) throws SQLException {
        long[] latencies = new long[3];
        for (int i = 0; i < latencies.length; i++) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement s =
                    c.prepareStatement("select " + COLUMNS + " from decisions where true order by sequence desc")) {
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    int read = 0;
                    while (read < EXPORT_ROWS && rs.next()) {
                        for (int k = 1; k <= 14; k++) {
                            rs.getString(k);
                        }
                        read++;
                    }
                }
            }
            latencies[i] = System.nanoTime() - start;
            c.commit();
            c.setAutoCommit(true);
        }
        return timing("export 100,000 rows", latencies, 0);
    }

    /** The loaded rows' receipt times grow linearly with the sequence over the 90 days before the run. */
    private long sequenceAt(Timestamp t, Instant now) {
        double share = (t.toInstant().toEpochMilli()
                        - now.minus(90, ChronoUnit.DAYS).toEpochMilli())
                / (double) ChronoUnit.DAYS.getDuration().multipliedBy(90).toMillis();
        return Math.max(1, Math.min(rows, Math.round(share * rows)));
    }

    private static void drain(ResultSet rs) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int k = 1; k <= columns; k++) {
                rs.getString(k);
            }
        }
    }

    private static Timing timing(String name, long[] latencies, double targetMs) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double p50 = ms(sorted[(int) Math.ceil(0.50 * sorted.length) - 1]);
        double p95 = ms(sorted[(int) Math.ceil(0.95 * sorted.length) - 1]);
        return new Timing(name, p50, p95, targetMs);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
