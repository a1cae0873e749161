package io.consentinel.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * (h)'s and (i)'s writer: {@link BareTomcat}'s servlet hands each request here and answers once its rows are
 * committed. One thread drains whatever is waiting (up to 1000) into one transaction of multi-row inserts, the
 * same statements as the raw baselines, into one database with the zone stores' schema. Per request: a
 * decision row of the usual shape and, for three requests in four (the service stores an event for about
 * 74%), an event row. No linger, no lookups: what a single event would cost a service that did nothing but
 * group-commit it, so less than the service must do.
 *
 * <p>For (i) it also does, per group, what the service's zone writer must: lock the chain head, append each
 * decision's leaf to the store's transparency log ({@link LogAppend}), record the group's receipt range and
 * move the head, with the service's statements.
 */
final class BareGroupCommit {

    private static final String REASONS_FIELDS = "[{\"path\":\"url\",\"category\":\"browsing\",\"action\":\"truncate\","
            + "\"reason\":\"NO_CONSENT\"},{\"path\":\"device.imei\",\"category\":\"device_identifier\","
            + "\"action\":\"hash\",\"reason\":\"MINIMISED\"},{\"path\":\"ip\",\"category\":\"network\","
            + "\"action\":\"truncate\",\"reason\":\"NO_CONSENT\"},{\"path\":\"durationMs\",\"category\":\"usage\","
            + "\"action\":\"keep\",\"reason\":\"CONSENTED\"}]";
    private static final String ATTRIBUTES =
            "{\"url\":\"https://news.example/\",\"device\":{\"model\":\"Redmi Note 13\","
                    + "\"imei\":\"hmac:6f1c2a0e5b7d4c1e9a532f0e8d7b4c116f1c2a0e5b7d4c1e9a532f0e8d7b4c11\"},\"ip\":\"10.20.0.0\","
                    + "\"durationMs\":1234}";
    /** A subject reference as long as the service's (a keyed hash, in hex). */
    private static final String SUBJECT_REF_PREFIX = "6f1c2a0e5b7d4c1e9a532f0e8d7b4c116f1c2a0e5b7d4c1e9a53";

    private static final int MAX_GROUP = 1000;

    private final LinkedBlockingQueue<CompletableFuture<Void>> queue = new LinkedBlockingQueue<>();
    private final Connection connection;
    private final PreparedStatement decisions;
    private final PreparedStatement events;
    /** (i)'s log and chain head, or null for (h). */
    private final LogAppend log;

    private long sequence;

    BareGroupCommit(String jdbcUrl, String user, String password, boolean serviceWrites, String name)
            throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl + "?reWriteBatchedInserts=true", user, password);
        connection.setAutoCommit(false);
        decisions = connection.prepareStatement(RawBaseline.INSERT_DECISION);
        events = connection.prepareStatement(RawBaseline.INSERT_EVENT);
        log = serviceWrites ? new LogAppend(connection) : null;
        Thread.ofPlatform().name("bare-writer-" + name).daemon().start(this::run);
    }

    /** Completes once the request's rows are committed. */
    CompletableFuture<Void> submit() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(done);
        return done;
    }

    private void run() {
        List<CompletableFuture<Void>> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                group.add(queue.take());
                queue.drainTo(group, MAX_GROUP - 1);
                write(group.size());
                group.forEach(done -> done.complete(null));
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                e.printStackTrace(); // bench/run discards this process's stderr; run it by hand to see why
                group.forEach(done -> done.completeExceptionally(e));
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the next group's statements will fail the same way and say why
                }
            }
            group.clear();
        }
    }

    private void write(int size) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Timestamp now = new Timestamp(System.currentTimeMillis());
        if (log != null) {
            sequence = log.lockHead();
        }
        long first = sequence + 1;
        boolean anyEvent = false;
        for (int i = 0; i < size; i++) {
            long seq = ++sequence;
            UUID eventId = Events.uuid(random);
            String subject = "subject-" + random.nextInt(100_000);
            decisions.setLong(1, seq);
            decisions.setObject(2, eventId);
            decisions.setString(3, "mi-browser");
            decisions.setString(4, subject);
            decisions.setString(5, SUBJECT_REF_PREFIX + subject);
            decisions.setString(6, "page_view");
            decisions.setString(7, "IN");
            decisions.setString(8, "in");
            decisions.setString(9, "anonymised");
            decisions.setArray(10, connection.createArrayOf("text", new String[] {"NO_CONSENT"}));
            decisions.setString(11, REASONS_FIELDS);
            decisions.setArray(12, connection.createArrayOf("text", new String[] {"c-" + seq}));
            decisions.setString(13, "1");
            decisions.setTimestamp(14, now);
            decisions.setTimestamp(15, now);
            decisions.addBatch();
            if (log != null) {
                log.leaf(seq, eventId, subject, now);
            }
            if (seq % 4 != 0) {
                events.setString(1, "mi-browser");
                events.setObject(2, eventId);
                events.setLong(3, seq);
                events.setString(4, subject);
                events.setString(5, "page_view");
                events.setTimestamp(6, now);
                events.setTimestamp(7, now);
                events.setTimestamp(8, null);
                events.setString(9, ATTRIBUTES);
                events.addBatch();
                anyEvent = true;
            }
        }
        decisions.executeBatch();
        if (anyEvent) {
            events.executeBatch();
        }
        if (log != null) {
            log.finish(first, sequence, now);
        }
        connection.commit();
    }
}
