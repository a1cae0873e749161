package io.consentinel.bench;

import static io.consentinel.bench.Console.say;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (c) The raw-JDBC baseline: a sample of the decision and event rows the service wrote, inserted again with
 * fresh keys into a scratch zone database (same migrations), one transaction per event from 64 threads, and
 * in batches of 1000.
 */
final class RawBaseline {

    private final Options o;
    private final Databases databases;
    private final CpuMeter meter;
    private final String database;
    private final AtomicLong rawSequence;

    RawBaseline(Options options, Databases databases, CpuMeter meter) {
        this(options, databases, meter, "raw", 0);
    }

    /** The baseline into another of the run's zone databases, whose rows already take sequences up to {@code last}. */
    RawBaseline(Options options, Databases databases, CpuMeter meter, String database, long last) {
        this.o = options;
        this.databases = databases;
        this.meter = meter;
        this.database = database;
        this.rawSequence = new AtomicLong(last);
    }

    /** A decision row as the service stored it, and its event row if one was stored. */
    record Row(
            String appId,
            String subjectId,
            String subjectRef,
            String eventType,
            String jurisdiction,
            String zone,
            String outcome,
            String[] reasons,
            String fieldsJson,
            String[] consentRecordIds,
            String policyVersion,
            Timestamp occurredAt,
            Timestamp receivedAt,
            Timestamp expiresAt,
            String attributesJson) {}

    static final String INSERT_DECISION = "insert into decisions (sequence, event_id, app_id, subject_id, subject_ref,"
            + " event_type, jurisdiction, zone, outcome, reasons, fields, consent_record_ids, policy_version, occurred_at,"
            + " received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)";
    static final String INSERT_EVENT = "insert into events (app_id, event_id, sequence, subject_id, event_type,"
            + " occurred_at, received_at, expires_at, attributes) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)";

    /** What the service wrote to the zone stores, so the baseline inserts the same rows (with fresh keys). */
    List<Row> sampleRows(int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (String zone : List.of("in", "eu")) {
            try (Connection c = databases.open(zone);
                    PreparedStatement s =
                            c.prepareStatement("select d.app_id, d.subject_id, d.subject_ref, d.event_type,"
                                    + " d.jurisdiction, d.zone, d.outcome, d.reasons, d.fields::text, d.consent_record_ids,"
                                    + " d.policy_version, d.occurred_at, d.received_at, e.expires_at, e.attributes::text"
                                    + " from decisions d left join events e on e.sequence = d.sequence"
                                    + " order by d.sequence desc limit ?")) {
                s.setInt(1, limit / 2);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                (String[]) rs.getArray(8).getArray(),
                                rs.getString(9),
                                (String[]) rs.getArray(10).getArray(),
                                rs.getString(11),
                                rs.getTimestamp(12),
                                rs.getTimestamp(13),
                                rs.getTimestamp(14),
                                rs.getString(15)));
                    }
                }
            }
        }
        Collections.shuffle(rows);
        long stored = rows.stream().filter(r -> r.attributesJson() != null).count();
        say(
                "(c) raw JDBC baseline: %,d decision rows sampled from the zone stores, %,d with an event row",
                rows.size(), stored);
        return rows;
    }

    private static void bindDecision(Connection c, PreparedStatement insert, Row r, long sequence, UUID eventId)
            throws SQLException {
        insert.setLong(1, sequence);
        insert.setObject(2, eventId);
        insert.setString(3, r.appId());
        insert.setString(4, r.subjectId());
        insert.setString(5, r.subjectRef());
        insert.setString(6, r.eventType());
        insert.setString(7, r.jurisdiction());
        insert.setString(8, r.zone());
        insert.setString(9, r.outcome());
        insert.setArray(10, c.createArrayOf("text", r.reasons()));
        insert.setString(11, r.fieldsJson());
        insert.setArray(12, c.createArrayOf("text", r.consentRecordIds()));
        insert.setString(13, r.policyVersion());
        insert.setTimestamp(14, r.occurredAt());
        insert.setTimestamp(15, r.receivedAt());
    }

    private static void bindEvent(PreparedStatement insert, Row r, long sequence, UUID eventId) throws SQLException {
        insert.setString(1, r.appId());
        insert.setObject(2, eventId);
        insert.setLong(3, sequence);
        insert.setString(4, r.subjectId());
        insert.setString(5, r.eventType());
        insert.setTimestamp(6, r.occurredAt());
        insert.setTimestamp(7, r.receivedAt());
        insert.setTimestamp(8, r.expiresAt());
        insert.setString(9, r.attributesJson());
    }

    Throughput single(List<Row> sample) throws Exception {
        int threads = o.singleClients();
        databases.awaitConnections(threads + 2);
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = databases.open(database);
            c.setAutoCommit(false);
            connections.add(c);
        }
        Phase phase = new Phase(o.rawWarmupSeconds(), o.rawMeasureSeconds(), meter);
        AtomicInteger slot = new AtomicInteger();
        try {
            Workers.run(threads, "raw-single", () -> {
                Connection c = connections.get(slot.getAndIncrement());
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (PreparedStatement decision = c.prepareStatement(INSERT_DECISION);
                        PreparedStatement event = c.prepareStatement(INSERT_EVENT)) {
                    while (phase.running()) {
                        Row r = sample.get(random.nextInt(sample.size()));
                        long s = System.nanoTime();
                        long sequence = rawSequence.incrementAndGet();
                        UUID id = Events.uuid(random);
                        bindDecision(c, decision, r, sequence, id);
                        decision.executeUpdate();
                        if (r.attributesJson() != null) {
                            bindEvent(event, r, sequence, id);
                            event.executeUpdate();
                        }
                        c.commit();
                        long e = System.nanoTime();
                        if (phase.measured(s, e)) {
                            phase.completed(1, e - s);
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
        Throughput t = phase.result("raw single", Map.of());
        say(
                "(c) raw JDBC into %s, one transaction per event, %d threads: %,.0f events/s, p50 %.2f ms, p99 %.2f ms",
                database, threads, t.perSecond(), t.percentileMs(0.50), t.percentileMs(0.99));
        say("    %s", t.cpu());
        return t;
    }

    Throughput batched(List<Row> sample) throws Exception {
        int threads = o.rawBatchThreads();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = databases.openForBatches(database);
            c.setAutoCommit(false);
            connections.add(c);
        }
        AtomicInteger slot = new AtomicInteger();
        Phase phase = new Phase(o.rawWarmupSeconds(), o.rawMeasureSeconds(), meter);
        Workers.run(threads, "raw-batch", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection c = connections.get(slot.getAndIncrement())) {
                try (PreparedStatement decision = c.prepareStatement(INSERT_DECISION);
                        PreparedStatement event = c.prepareStatement(INSERT_EVENT)) {
                    while (phase.running()) {
                        long s = System.nanoTime();
                        long first = rawSequence.getAndAdd(1000) + 1;
                        Row[] rows = new Row[1000];
                        UUID[] ids = new UUID[1000];
                        for (int k = 0; k < 1000; k++) {
                            rows[k] = sample.get(random.nextInt(sample.size()));
                            ids[k] = Events.uuid(random);
                            bindDecision(c, decision, rows[k], first + k, ids[k]);
                            decision.addBatch();
                        }
                        decision.executeBatch();
                        boolean any = false;
                        for (int k = 0; k < 1000; k++) {
                            if (rows[k].attributesJson() != null) {
                                bindEvent(event, rows[k], first + k, ids[k]);
                                event.addBatch();
                                any = true;
                            }
                        }
                        if (any) {
                            event.executeBatch();
                        }
                        c.commit();
                        long e = System.nanoTime();
                        if (phase.measured(s, e)) {
                            phase.completed(1000, e - s);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Throughput t = phase.result("raw batched", Map.of());
        say("(c) raw JDBC, 1000 per batch (reWriteBatchedInserts), %d threads: %,.0f events/s", threads, t.perSecond());
        say("    %s", t.cpu());
        return t;
    }
}
