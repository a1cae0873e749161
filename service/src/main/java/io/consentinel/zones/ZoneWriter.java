package io.consentinel.zones;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Writes one store's decisions by group commit. Requests from many threads queue here; a single worker
 * drains whatever is waiting into one transaction that locks the chain head (ordering the chain across
 * every node writing to this store), skips events already decided, links the chain in order, writes
 * decisions and events (COPY for a big group, multi-row inserts for a small one), and completes each request only after the commit. An event
 * and its decision are therefore committed together or not at all, and a 200 follows a commit.
 */
final class ZoneWriter {

    private static final Logger log = LoggerFactory.getLogger(ZoneWriter.class);
    static final int MAX_GROUP = 4000;

    private final ZoneStore store;
    private final JdbcTemplate jdbc;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Timer storeLatency;
    private final DistributionSummary groupSize;
    private final Thread worker;
    private volatile boolean running = true;

    ZoneWriter(ZoneStore store, MeterRegistry meters) {
        this.store = store;
        this.jdbc = new JdbcTemplate(store.dataSource());
        this.storeLatency = Timer.builder("consentinel.store.latency")
                .description("Time to commit one group of decisions to a zone store")
                .tag("zone", store.name())
                .register(meters);
        this.groupSize = DistributionSummary.builder("consentinel.store.group.size")
                .description("Decisions committed per group commit")
                .tag("zone", store.name())
                .register(meters);
        this.worker = Thread.ofPlatform().name("zone-writer-" + store.name()).daemon().start(this::run);
    }

    CompletableFuture<List<WrittenDecision>> submit(List<PendingDecision> decisions) {
        Request request = new Request(decisions, new CompletableFuture<>());
        if (!running) {
            request.done().completeExceptionally(new IllegalStateException("zone writer stopped"));
        } else {
            queue.add(request);
        }
        return request.done();
    }

    void stop() {
        running = false;
        worker.interrupt();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (running) {
            try {
                group.add(queue.take());
                int size = group.getFirst().decisions().size();
                Request next;
                while (size < MAX_GROUP && (next = queue.poll()) != null) {
                    group.add(next);
                    size += next.decisions().size();
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // commit() completes every request itself; this only guards the loop against a bug.
                log.error("Zone writer {} failed unexpectedly", store.name(), e);
                group.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("zone writer stopped"));
        }
    }

    /** One transaction for the group; if it fails for a reason other than the store being down, each request is retried alone so one bad request cannot fail the others. */
    private void commit(List<Request> group) {
        try {
            Map<Request, List<WrittenDecision>> written = storeLatency.record(() -> writeGroup(group));
            written.forEach((request, results) -> request.done().complete(results));
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException unreachable) {
            log.warn("Zone store {} is unreachable: {}", store.name(), unreachable.getClass().getSimpleName());
            group.forEach(r -> r.done().completeExceptionally(unreachable));
        } catch (RuntimeException failure) {
            if (group.size() == 1) {
                log.warn("Zone store {} refused a group: {}", store.name(), failure.getClass().getSimpleName());
                group.getFirst().done().completeExceptionally(failure);
                return;
            }
            for (Request request : group) {
                commit(List.of(request));
            }
        }
    }

    private Map<Request, List<WrittenDecision>> writeGroup(List<Request> group) {
        return store.transactions().execute(status -> {
            Head head = jdbc.queryForObject("select last_sequence, last_hash from chain_head where id = 1 for update",
                    (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)));
            Map<EventKey, DecisionRecord> existing = existing(group);
            Map<EventKey, DecisionRecord> decided = new HashMap<>(existing);
            List<PendingDecision> fresh = new ArrayList<>();
            List<DecisionRecord> chained = new ArrayList<>();
            long sequence = head.sequence();
            byte[] hash = head.hash();
            // Keyed by identity: a Request record's own hashCode would hash every decision and attribute tree.
            Map<Request, List<WrittenDecision>> results = new IdentityHashMap<>();
            for (Request request : group) {
                List<WrittenDecision> written = new ArrayList<>(request.decisions().size());
                for (PendingDecision pending : request.decisions()) {
                    DecisionRecord earlier = decided.get(pending.key());
                    if (earlier != null) {
                        written.add(new WrittenDecision(earlier, true));
                        continue;
                    }
                    sequence++;
                    DecisionRecord unhashed = pending.decision().withChain(sequence, null);
                    hash = DecisionChain.link(hash, unhashed);
                    DecisionRecord linked = unhashed.withChain(sequence, hash);
                    decided.put(pending.key(), linked);
                    fresh.add(pending);
                    chained.add(linked);
                    written.add(new WrittenDecision(linked, false));
                }
                results.put(request, written);
            }
            if (!chained.isEmpty()) {
                if (chained.size() >= COPY_FROM) {
                    copyDecisions(chained);
                    copyEvents(fresh, chained);
                } else {
                    insertDecisionRows(chained);
                    insertEventRows(fresh, chained);
                }
                jdbc.update("update chain_head set last_sequence = ?, last_hash = ? where id = 1", sequence, hash);
            }
            groupSize.record(chained.size());
            return results;
        });
    }

    /** Decisions already committed for these events. Under the chain-head lock no other writer can add one meanwhile; the unique constraint backs this up. */
    private Map<EventKey, DecisionRecord> existing(List<Request> group) {
        List<String> apps = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (Request request : group) {
            for (PendingDecision pending : request.decisions()) {
                apps.add(pending.decision().appId());
                ids.add(pending.decision().eventId());
            }
        }
        Map<EventKey, DecisionRecord> found = new HashMap<>();
        jdbc.query(connection -> {
                    PreparedStatement select = connection.prepareStatement("select " + DecisionRows.COLUMNS
                            + " from decisions where (app_id, event_id) in"
                            + " (select * from unnest(?::text[], ?::uuid[]))");
                    select.setArray(1, connection.createArrayOf("text", apps.toArray()));
                    select.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                    return select;
                },
                (java.sql.ResultSet rs) -> {
                    DecisionRecord record = new DecisionRows().mapRow(rs, 0);
                    found.put(EventKey.of(record), record);
                });
        return found;
    }

    private static final String COPY_DECISIONS = "copy decisions (" + DecisionRows.COLUMNS + ") from stdin";
    private static final String COPY_EVENTS = "copy events (app_id, event_id, sequence, subject_id, event_type,"
            + " occurred_at, received_at, expires_at, attributes) from stdin";

    /**
     * A big group is copied in: COPY costs the server less per row than parameters of multi-row inserts,
     * but more to set up than a prepared insert, so small groups (single events under load) insert.
     */
    static final int COPY_FROM = 64;

    private void copyDecisions(List<DecisionRecord> chained) {
        copy(COPY_DECISIONS, rows -> {
            for (DecisionRecord d : chained) {
                rows.number(d.sequence())
                        .uuid(d.eventId())
                        .text(d.appId())
                        .text(d.subjectId())
                        .text(d.subjectRef())
                        .text(d.eventType())
                        .text(d.jurisdiction())
                        .text(d.zone())
                        .text(d.outcome())
                        .textArray(d.reasons())
                        .text(DecisionRows.fieldsJson(d.fields()))
                        .textArray(d.consentRecordIds())
                        .text(d.policyVersion())
                        .instant(d.occurredAt())
                        .instant(d.receivedAt())
                        .bytea(d.hash())
                        .endRow();
            }
        });
    }

    private void copyEvents(List<PendingDecision> fresh, List<DecisionRecord> chained) {
        if (fresh.stream().allMatch(pending -> pending.storedAttributes() == null)) {
            return;
        }
        copy(COPY_EVENTS, rows -> {
            for (int i = 0; i < fresh.size(); i++) {
                PendingDecision pending = fresh.get(i);
                if (pending.storedAttributes() == null) {
                    continue;
                }
                DecisionRecord d = chained.get(i);
                rows.text(d.appId())
                        .uuid(d.eventId())
                        .number(d.sequence())
                        .text(d.subjectId())
                        .text(d.eventType())
                        .instant(d.occurredAt())
                        .instant(d.receivedAt())
                        .instant(pending.expiresAt());
                DecisionRows.JSON.writeValue(rows.column(), pending.storedAttributes());
                rows.endRow();
            }
        });
    }

    /** Streams the rows that {@code write} produces to the server, a chunk at a time. */
    private void copy(String sql, Consumer<CopyText> write) {
        jdbc.execute((Connection connection) -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                CopyText rows = new CopyText(bytes -> copy.writeToCopy(bytes, 0, bytes.length));
                write.accept(rows);
                rows.flush();
                copy.endCopy();
            } catch (CopyText.SinkFailed e) {
                cancel(copy, e.getCause());
                throw e.getCause();
            } catch (SQLException | RuntimeException e) {
                cancel(copy, e);
                throw e;
            }
            return null;
        });
    }

    private static void cancel(CopyIn copy, Exception failure) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException cancel) {
                failure.addSuppressed(cancel);
            }
        }
    }

    private void insertDecisionRows(List<DecisionRecord> chained) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into decisions (" + DecisionRows.COLUMNS
                    + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")) {
                for (DecisionRecord d : chained) {
                    insert.setLong(1, d.sequence());
                    insert.setObject(2, d.eventId());
                    insert.setString(3, d.appId());
                    insert.setString(4, d.subjectId());
                    insert.setString(5, d.subjectRef());
                    insert.setString(6, d.eventType());
                    insert.setString(7, d.jurisdiction());
                    insert.setString(8, d.zone());
                    insert.setString(9, d.outcome());
                    insert.setArray(10, connection.createArrayOf("text", d.reasons().toArray()));
                    insert.setString(11, DecisionRows.fieldsJson(d.fields()));
                    insert.setArray(12, connection.createArrayOf("text", d.consentRecordIds().toArray()));
                    insert.setString(13, d.policyVersion());
                    insert.setTimestamp(14, Timestamp.from(d.occurredAt()));
                    insert.setTimestamp(15, Timestamp.from(d.receivedAt()));
                    insert.setBytes(16, d.hash());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private void insertEventRows(List<PendingDecision> fresh, List<DecisionRecord> chained) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into events (app_id, event_id, sequence,"
                    + " subject_id, event_type, occurred_at, received_at, expires_at, attributes)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                boolean any = false;
                for (int i = 0; i < fresh.size(); i++) {
                    PendingDecision pending = fresh.get(i);
                    if (pending.storedAttributes() == null) {
                        continue;
                    }
                    DecisionRecord d = chained.get(i);
                    insert.setString(1, d.appId());
                    insert.setObject(2, d.eventId());
                    insert.setLong(3, d.sequence());
                    insert.setString(4, d.subjectId());
                    insert.setString(5, d.eventType());
                    insert.setTimestamp(6, Timestamp.from(d.occurredAt()));
                    insert.setTimestamp(7, Timestamp.from(d.receivedAt()));
                    insert.setTimestamp(8, pending.expiresAt() == null ? null : Timestamp.from(pending.expiresAt()));
                    insert.setString(9, DecisionRows.JSON.writeValueAsString(pending.storedAttributes()));
                    insert.addBatch();
                    any = true;
                }
                if (any) {
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    private record Head(long sequence, byte[] hash) {}

    private record Request(List<PendingDecision> decisions, CompletableFuture<List<WrittenDecision>> done) {}
}
