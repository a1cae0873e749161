package io.consentinel.bench;

import static io.consentinel.bench.Console.say;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * (c) The floor under every write path: the same sampled rows, with fresh keys, sent by {@code COPY} (text
 * format, 1000 decisions per transaction) into the zone schema stripped of everything but its primary keys: no
 * secondary index, no unique constraint, no foreign key. What the batched ingestion pays above this is the
 * price of its indexes, idempotency, the transparency log and the HTTP path.
 */
final class KeyOnlyCopy {

    private final Options o;
    private final Databases databases;
    private final CpuMeter meter;
    private final AtomicLong sequence = new AtomicLong();

    KeyOnlyCopy(Options options, Databases databases, CpuMeter meter) {
        this.o = options;
        this.databases = databases;
        this.meter = meter;
    }

    Throughput run(List<RawBaseline.Row> sample) throws Exception {
        databases.createZone("keys", databases.latestZoneVersion());
        try (Connection c = databases.open("keys");
                Statement s = c.createStatement()) {
            // The foreign key and the unique constraints, whatever the migrations named them.
            List<String> constraints = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select t.relname, c.conname from pg_constraint c"
                    + " join pg_class t on t.oid = c.conrelid where t.relname in ('decisions', 'events')"
                    + " and c.contype in ('f', 'u') order by c.contype = 'f' desc")) {
                while (rs.next()) {
                    constraints.add("alter table " + rs.getString(1) + " drop constraint " + rs.getString(2));
                }
            }
            for (String drop : constraints) {
                s.execute(drop);
            }
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("select i.relname from pg_index x join pg_class i on i.oid = x.indexrelid"
                            + " join pg_class t on t.oid = x.indrelid where t.relname in ('decisions', 'events')"
                            + " and not x.indisprimary")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            for (String index : indexes) {
                s.execute("drop index " + index);
            }
        }
        int threads = o.rawBatchThreads();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Connection c = databases.open("keys");
            c.setAutoCommit(false);
            connections.add(c);
        }
        AtomicInteger slot = new AtomicInteger();
        Phase phase = new Phase(o.rawWarmupSeconds(), o.rawMeasureSeconds(), meter);
        Workers.run(threads, "key-only-copy", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try (Connection c = connections.get(slot.getAndIncrement())) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                StringBuilder decisions = new StringBuilder(1 << 20);
                StringBuilder events = new StringBuilder(1 << 20);
                while (phase.running()) {
                    long s = System.nanoTime();
                    long first = sequence.getAndAdd(1000) + 1;
                    decisions.setLength(0);
                    events.setLength(0);
                    for (int k = 0; k < 1000; k++) {
                        RawBaseline.Row r = sample.get(random.nextInt(sample.size()));
                        UUID id = Events.uuid(random);
                        line(decisions, first + k, id, r);
                        if (r.attributesJson() != null) {
                            eventLine(events, first + k, id, r);
                        }
                    }
                    copy.copyIn(
                            "copy decisions (sequence, event_id, app_id, subject_id, subject_ref, event_type,"
                                    + " jurisdiction, zone, outcome, reasons, fields, consent_record_ids, policy_version,"
                                    + " occurred_at, received_at) from stdin",
                            new StringReader(decisions.toString()));
                    if (!events.isEmpty()) {
                        copy.copyIn(
                                "copy events (app_id, event_id, sequence, subject_id, event_type, occurred_at,"
                                        + " received_at, expires_at, attributes) from stdin",
                                new StringReader(events.toString()));
                    }
                    c.commit();
                    long e = System.nanoTime();
                    if (phase.measured(s, e)) {
                        phase.completed(1000, e - s);
                    }
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Throughput t = phase.result("key-only COPY", Map.of());
        say(
                "(c) raw COPY into key-only tables, 1000 per transaction, %d threads: %,.0f events/s",
                threads, t.perSecond());
        say("    %s", t.cpu());
        return t;
    }

    private static void line(StringBuilder b, long sequence, UUID id, RawBaseline.Row r) {
        b.append(sequence).append('\t').append(id).append('\t');
        field(b, r.appId()).append('\t');
        field(b, r.subjectId()).append('\t');
        field(b, r.subjectRef()).append('\t');
        field(b, r.eventType()).append('\t');
        field(b, r.jurisdiction()).append('\t');
        field(b, r.zone()).append('\t');
        field(b, r.outcome()).append('\t');
        field(b, array(r.reasons())).append('\t');
        field(b, r.fieldsJson()).append('\t');
        field(b, array(r.consentRecordIds())).append('\t');
        field(b, r.policyVersion()).append('\t');
        field(b, r.occurredAt() == null ? null : r.occurredAt().toInstant().toString())
                .append('\t');
        field(b, r.receivedAt().toInstant().toString()).append('\n');
    }

    private static void eventLine(StringBuilder b, long sequence, UUID id, RawBaseline.Row r) {
        field(b, r.appId())
                .append('\t')
                .append(id)
                .append('\t')
                .append(sequence)
                .append('\t');
        field(b, r.subjectId()).append('\t');
        field(b, r.eventType()).append('\t');
        field(b, r.occurredAt().toInstant().toString()).append('\t');
        field(b, r.receivedAt().toInstant().toString()).append('\t');
        field(b, r.expiresAt() == null ? null : r.expiresAt().toInstant().toString())
                .append('\t');
        field(b, r.attributesJson()).append('\n');
    }

    /** A PostgreSQL array literal of quoted elements. */
    private static String array(String[] values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "\"" : ",\"")
                    .append(values[i].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return b.append('}').toString();
    }

    /** COPY text format: \N for null; backslash, tab, newline and carriage return escaped. */
    private static StringBuilder field(StringBuilder b, String value) {
        if (value == null) {
            return b.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(ch);
            }
        }
        return b;
    }
}
