package io.consentinel.consent;

import io.consentinel.transparency.CanonicalJson;
import io.consentinel.transparency.Checkpoint;
import io.consentinel.transparency.LogSource;
import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.Node;
import io.consentinel.transparency.tree.TreeHashes;
import io.consentinel.zones.SubjectPseudonyms;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ObjLongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consent ledger's transparency log, named {@code consent}: leaf i is the (i + 1)-th record appended to
 * it. A ledger append does not extend the log in its own transaction, which would serialise every consent
 * append in the cluster on the log head's row lock until commit. Instead, after the commit, this node's
 * appender adds every record the log does not cover yet, in one short transaction under that lock, so one
 * turn serves however many appends committed meanwhile, on any node. Every read of the log ({@link #head},
 * {@link #leafOfRecord}) first does the same for what is still pending, so a checkpoint, proof or receipt
 * still covers every record committed before it was asked for. The same step back-fills at start-up.
 */
@Component
@DependsOnDatabaseInitialization
public class ConsentLog implements TransparencyLog, LogSource {

    public static final String NAME = "consent";
    private static final Logger log = LoggerFactory.getLogger(ConsentLog.class);
    private static final LogTables TABLES = new LogTables("consent_log_", "consent_log_head");
    private static final String COLUMNS = "r.id, r.log_index, r.subject_id, r.app_id, r.imported, r.jurisdiction,"
            + " r.notice_version, r.captured_at, r.expires_at, r.source, r.child, r.gpc, r.tc_string, r.gpp_string,"
            + " r.recorded_at, coalesce(r.subject_ref,"
            + " case when exists (select 1 from erasures e where e.subject_pseudonym = r.subject_id)"
            + " then r.subject_id end) as subject_ref";

    private final JdbcTemplate jdbc;
    private final SubjectPseudonyms pseudonyms;
    private final TransactionTemplate ownTransaction;
    private final ExecutorService appender = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("consent-log-appender").factory());
    /** Set while a run of the appender is queued and has not started; later requests ride on it. */
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Owned by the appender's one thread. */
    private final AppenderPacing pacing = new AppenderPacing(RUN_INTERVAL.toNanos());

    /** Under load, the appender starts a run at most this often; an idle one starts at once. */
    static final Duration RUN_INTERVAL = Duration.ofMillis(10);

    ConsentLog(DataSource dataSource, SubjectPseudonyms pseudonyms) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.pseudonyms = pseudonyms;
        this.ownTransaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long appended = appendPending();
        if (appended > 0) {
            log.info("Transparency log 'consent' back-filled with {} earlier records", appended);
        }
    }

    /**
     * Asks this node's appender to add the records committed so far. Returns at once; a request made while
     * a run is queued is served by that run, which starts after the request and so sees its record.
     */
    void appendSoon() {
        if (queued.compareAndSet(false, true)) {
            appender.execute(() -> {
                pause(pacing.waitNanos(System.nanoTime()));
                pacing.started(System.nanoTime());
                // Cleared only now: the appends that committed during the pause ride on this run.
                queued.set(false);
                try {
                    appendPending();
                } catch (RuntimeException e) {
                    // The records stay pending; the next append or read of the log picks them up. Only the
                    // exception's type is logged: a database message can quote the values of a row.
                    log.warn(
                            "Appending to transparency log 'consent' failed ({}); the next append or read of the log retries",
                            e.getClass().getName());
                }
            });
        }
    }

    private static void pause(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * At most this many records go into one append transaction. After a burst the appender may find tens of
     * thousands pending; one transaction over them all held the head lock, and a statement over all their
     * ids, for as long as it took, while checkpoints waited.
     */
    static final int APPEND_CHUNK = 1_000;

    /**
     * Adds every committed record that the log does not cover yet, a chunk per transaction of its own;
     * returns how many.
     */
    long appendPending() {
        long total = 0;
        while (pending()) {
            Long appended = ownTransaction.execute(status -> append());
            total += appended == null ? 0 : appended;
            if (appended == null || appended < APPEND_CHUNK) {
                break;
            }
        }
        return total;
    }

    /**
     * The first record outside the log, if any. Ordered and limited so that the plan is the pending records'
     * own index (control V13) whatever the statistics say: {@code exists} let stale statistics pick a scan
     * of the whole ledger.
     */
    static final String FIRST_PENDING = "select seq from consent_records where log_index is null order by seq limit 1";

    private boolean pending() {
        return !jdbc.queryForList(FIRST_PENDING, Long.class).isEmpty();
    }

    @PreDestroy
    void stopAppender() {
        // What is still pending is appended by the next append or read on any node, or at the next start.
        appender.shutdown();
    }

    /**
     * Appends up to {@link #APPEND_CHUNK} records not in the log yet, in record order, in the caller's
     * transaction; returns how many. The head row lock orders appends across nodes: the next holder sees
     * every record committed before it took the lock and appends the oldest, and {@link #appendPending}
     * goes on until none is left.
     */
    private long append() {
        Frontier tree = jdbc.queryForObject(
                "select tree_size, tree_frontier from consent_log_head where id = 1 for update",
                (rs, n) -> Frontier.of(rs.getLong(1), rs.getBytes(2)));
        List<Row> rows = rows("r.log_index is null order by r.seq limit " + APPEND_CHUNK, List.of());
        if (rows.isEmpty()) {
            return 0;
        }
        List<Frontier.Stored> closed = new ArrayList<>();
        List<Object[]> placed = new ArrayList<>();
        for (Row row : rows) {
            long index = tree.size();
            String subjectRef = row.subjectRef != null ? row.subjectRef : pseudonyms.of(row.subjectId);
            ObjectNode entry = entry(row, subjectRef);
            closed.addAll(tree.append(TreeHashes.leaf(CanonicalJson.bytes(entry))));
            placed.add(new Object[] {index, subjectRef, row.id});
        }
        // A statement per record, each a probe of the primary key. One "update ... from unnest(...)" for the
        // chunk was tried: against a ledger without fresh statistics it was planned as a hash join over all of it.
        jdbc.batchUpdate("update consent_records set log_index = ?, subject_ref = ? where id = ?", placed);
        TABLES.insert(jdbc, closed);
        jdbc.update(
                "update consent_log_head set tree_size = ?, tree_frontier = ? where id = 1",
                tree.size(),
                tree.packed());
        return rows.size();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TransparencyLog> logs() {
        return List.of(this);
    }

    @Override
    public Frontier head() {
        appendPending();
        return TABLES.head(jdbc);
    }

    @Override
    public Map<Node, byte[]> nodes(Collection<Node> nodes) {
        return TABLES.nodes(jdbc, nodes);
    }

    @Override
    public List<ObjectNode> entries(long start, long end) {
        return rows("r.log_index >= ? and r.log_index < ? order by r.log_index", List.of(start, end)).stream()
                .map(row -> entry(row, row.subjectRef))
                .toList();
    }

    @Override
    public void forEachEntry(long end, ObjLongConsumer<ObjectNode> consumer) {
        for (long start = 0; start < end; start += 1000) {
            long from = start;
            rows("r.log_index >= ? and r.log_index < ? order by r.log_index", List.of(from, Math.min(end, from + 1000)))
                    .forEach(row -> consumer.accept(entry(row, row.subjectRef), row.logIndex));
        }
    }

    @Override
    public boolean keyedByRecord() {
        return true;
    }

    @Override
    public OptionalLong leafOfRecord(UUID recordId) {
        OptionalLong leaf = loggedLeafOf(recordId);
        if (leaf.isPresent()) {
            return leaf;
        }
        appendPending(); // it may be committed and not appended yet
        return loggedLeafOf(recordId);
    }

    private OptionalLong loggedLeafOf(UUID recordId) {
        List<Long> found = jdbc.queryForList(
                "select log_index from consent_records where id = ? and log_index is not null", Long.class, recordId);
        return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.getFirst());
    }

    /** The record's subject and scope, for a receipt: who may see it. */
    Optional<RecordScope> scopeOf(UUID recordId) {
        return jdbc
                .query(
                        "select subject_id, app_id from consent_records where id = ?",
                        (rs, n) -> new RecordScope(rs.getString(1), rs.getString(2)),
                        recordId)
                .stream()
                .findFirst();
    }

    record RecordScope(String subjectId, String appId) {}

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return TABLES.latest(jdbc);
    }

    @Override
    public boolean keep(Checkpoint checkpoint) {
        return TABLES.keep(jdbc, checkpoint);
    }

    private List<Row> rows(String where, List<Object> params) {
        List<Row> rows = jdbc.query(
                connection -> {
                    var select = FreshPlans.prepare(
                            connection, "select " + COLUMNS + " from consent_records r where " + where);
                    for (int i = 0; i < params.size(); i++) {
                        select.setObject(i + 1, params.get(i));
                    }
                    return select;
                },
                (rs, n) -> Row.of(rs));
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, Row> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.id, row));
        jdbc.query(
                connection -> {
                    // A probe of the primary key per id, rather than "record_id = any(?)", whose plan could test
                    // every row of the table against every id (a full run spent its whole batched phase in it,
                    // BENCHMARKS.md), or a join, planned as a hash join over the whole table while the ledger
                    // fills up. "offset 0" keeps the lateral subquery from being flattened into such a join.
                    var select = FreshPlans.prepare(
                            connection,
                            "select wanted.id, p.purpose, p.status from unnest(?::uuid[]) as wanted (id)"
                                    + " cross join lateral (select purpose, status from consent_record_purposes"
                                    + " where record_id = wanted.id offset 0) p");
                    select.setArray(
                            1, connection.createArrayOf("uuid", byId.keySet().toArray()));
                    return select;
                },
                rs -> {
                    byId.get(rs.getObject(1, UUID.class)).purposes.put(rs.getString(2), rs.getString(3));
                });
        return rows;
    }

    /** A record as its log entry shows it (API.md, "Verifiable audit log"): exactly the documented members. */
    private static ObjectNode entry(Row row, String subjectRef) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("v", 1);
        entry.put("recordId", row.id.toString());
        entry.put("subjectRef", subjectRef);
        entry.put("appId", row.appId);
        entry.put("imported", row.imported);
        entry.put("jurisdiction", row.jurisdiction);
        ObjectNode purposes = entry.putObject("purposes");
        row.purposes.forEach(purposes::put);
        entry.put("noticeVersion", row.noticeVersion);
        entry.put("capturedAt", time(row.capturedAt));
        entry.put("expiresAt", time(row.expiresAt));
        entry.put("source", row.source);
        entry.put("child", row.child);
        entry.put("gpc", row.gpc);
        entry.put("tcString", row.tcString);
        entry.put("gppString", row.gppString);
        entry.put("recordedAt", time(row.recordedAt));
        return entry;
    }

    /** As the consent answers write an Instant. */
    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private record Row(
            UUID id,
            Long logIndex,
            String subjectId,
            String subjectRef,
            String appId,
            boolean imported,
            String jurisdiction,
            String noticeVersion,
            Instant capturedAt,
            Instant expiresAt,
            String source,
            Boolean child,
            Boolean gpc,
            String tcString,
            String gppString,
            Instant recordedAt,
            Map<String, String> purposes) {

        static Row of(ResultSet rs) throws SQLException {
            long index = rs.getLong("log_index");
            return new Row(
                    rs.getObject("id", UUID.class),
                    rs.wasNull() ? null : index,
                    rs.getString("subject_id"),
                    rs.getString("subject_ref"),
                    rs.getString("app_id"),
                    rs.getBoolean("imported"),
                    rs.getString("jurisdiction"),
                    rs.getString("notice_version"),
                    instant(rs, "captured_at"),
                    instant(rs, "expires_at"),
                    rs.getString("source"),
                    bool(rs, "child"),
                    bool(rs, "gpc"),
                    rs.getString("tc_string"),
                    rs.getString("gpp_string"),
                    instant(rs, "recorded_at"),
                    new TreeMap<>());
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp value = rs.getTimestamp(column);
            return value == null ? null : value.toInstant();
        }

        private static Boolean bool(ResultSet rs, String column) throws SQLException {
            boolean value = rs.getBoolean(column);
            return rs.wasNull() ? null : value;
        }
    }
}
