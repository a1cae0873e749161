package io.consentinel.audit;

import io.consentinel.transparency.CanonicalJson;
import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.tree.Frontier;
import io.consentinel.transparency.tree.TreeHashes;
import io.consentinel.zones.DecisionEntries;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.WrittenRanges;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes decisions straight into a zone store the way the group-commit writer does (in one transaction:
 * lock the chain head, give each decision the next sequence, insert it, append its leaf to the store's
 * transparency log, move the head), so that audit tests can create 100,000 decisions quickly and tamper
 * with them through SQL.
 */
final class ChainedDecisions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "sequence, event_id, app_id, subject_id, subject_ref, event_type, "
            + "jurisdiction, zone, outcome, reasons, fields, consent_record_ids, policy_version, occurred_at, "
            + "received_at";

    private final ZoneStores stores;
    private final SubjectPseudonyms pseudonyms;

    ChainedDecisions(ZoneStores stores, SubjectPseudonyms pseudonyms) {
        this.stores = stores;
        this.pseudonyms = pseudonyms;
    }

    SubjectPseudonyms pseudonyms() {
        return pseudonyms;
    }

    ZoneStore store(String name) {
        return stores.byName(name).orElseThrow();
    }

    /** Appends the drafts in order to {@code store}'s chain; returns them as written. */
    List<DecisionRecord> append(String storeName, List<DecisionDraft> drafts) {
        ZoneStore store = store(storeName);
        return store.transactions().execute(status -> {
            Head head = lockHead(store);
            List<DecisionRecord> written = new ArrayList<>();
            long sequence = head.sequence;
            for (DecisionDraft draft : drafts) {
                DecisionRecord record = numbered(draft, ++sequence);
                insert(store, record);
                written.add(record);
                head.append(record);
            }
            moveHead(store, sequence, head);
            return written;
        });
    }

    DecisionRecord append(String storeName, DecisionDraft draft) {
        return append(storeName, List.of(draft)).getFirst();
    }

    /** Puts a row back exactly as it was written (for tests that delete one), leaving the head alone. */
    void restore(String storeName, DecisionRecord record) {
        insert(store(storeName), record);
    }

    private static void insert(ZoneStore store, DecisionRecord record) {
        store.jdbc()
                .sql("insert into decisions (" + COLUMNS + ") values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")
                .params(
                        record.sequence(),
                        record.eventId(),
                        record.appId(),
                        record.subjectId(),
                        record.subjectRef(),
                        record.eventType(),
                        record.jurisdiction(),
                        record.zone(),
                        record.outcome(),
                        record.reasons().toArray(String[]::new),
                        JSON.writeValueAsString(record.fields()),
                        record.consentRecordIds().toArray(String[]::new),
                        record.policyVersion(),
                        utc(record.occurredAt()),
                        utc(record.receivedAt()))
                .update();
    }

    /** Appends {@code count} decisions with COPY, streamed, for volume tests; as chained as {@link #append}. */
    void appendBulk(String storeName, int count, IntFunction<DecisionDraft> draftAt) {
        ZoneStore store = store(storeName);
        store.transactions().executeWithoutResult(status -> {
            Head head = lockHead(store);
            Connection connection = DataSourceUtils.getConnection(store.dataSource());
            long sequence = head.sequence;
            try {
                CopyIn copy = connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy decisions (" + COLUMNS + ") from stdin (format csv)");
                ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 20);
                for (int i = 0; i < count; i++) {
                    DecisionRecord record = numbered(draftAt.apply(i), ++sequence);
                    chunk.writeBytes(csvRow(record).getBytes(StandardCharsets.UTF_8));
                    head.append(record);
                    if (chunk.size() > (1 << 20) - 4096) {
                        copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                        chunk.reset();
                    }
                }
                copy.writeToCopy(chunk.toByteArray(), 0, chunk.size());
                copy.endCopy();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            moveHead(store, sequence, head);
        });
    }

    /** Records what was stored of a decision's event, as the writer does for accepted and anonymised ones. */
    void storeEvent(String storeName, DecisionRecord decision, String attributesJson) {
        store(storeName)
                .jdbc()
                .sql(
                        "insert into events (app_id, event_id, sequence, subject_id, event_type, "
                                + "occurred_at, received_at, expires_at, attributes) values (?, ?, ?, ?, ?, ?, ?, null, ?::jsonb)")
                .params(
                        decision.appId(),
                        decision.eventId(),
                        decision.sequence(),
                        decision.subjectId(),
                        decision.eventType(),
                        utc(decision.occurredAt()),
                        utc(decision.receivedAt()),
                        attributesJson)
                .update();
    }

    private DecisionRecord numbered(DecisionDraft draft, long sequence) {
        return draft.toRecord(pseudonyms.of(draft.subjectId())).withSequence(sequence);
    }

    /** The locked head: the last sequence, and the log, which covers every row, as the writer keeps it. */
    private static final class Head {
        final long sequence;
        final Frontier tree;
        final List<Frontier.Stored> closed = new ArrayList<>();
        Instant earliest;
        Instant latest;

        Head(long sequence, Frontier tree) {
            this.sequence = sequence;
            this.tree = tree;
        }

        void append(DecisionRecord record) {
            closed.addAll(tree.append(TreeHashes.leaf(CanonicalJson.bytes(DecisionEntries.entry(record)))));
            Instant received = record.receivedAt();
            earliest = earliest == null || received.isBefore(earliest) ? received : earliest;
            latest = latest == null || received.isAfter(latest) ? received : latest;
        }
    }

    private static Head lockHead(ZoneStore store) {
        return store.jdbc()
                .sql("select last_sequence, tree_size, tree_frontier from chain_head where id = 1 for update")
                .query((rs, n) -> new Head(rs.getLong(1), Frontier.of(rs.getLong(2), rs.getBytes(3))))
                .single();
    }

    private static void moveHead(ZoneStore store, long sequence, Head head) {
        new LogTables("log_", "chain_head").insert(new JdbcTemplate(store.dataSource()), head.closed);
        if (sequence > head.sequence) {
            WrittenRanges.record(store, head.sequence + 1, sequence, head.earliest, head.latest);
        }
        store.jdbc()
                .sql("update chain_head set last_sequence = ?, tree_size = ?, tree_frontier = ? where id = 1")
                .params(sequence, head.tree.size(), head.tree.packed())
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String csvRow(DecisionRecord r) {
        List<String> values = List.of(
                Long.toString(r.sequence()),
                r.eventId().toString(),
                quoted(r.appId()),
                quoted(r.subjectId()),
                quoted(r.subjectRef()),
                quoted(r.eventType()),
                quoted(r.jurisdiction()),
                quoted(r.zone()),
                quoted(r.outcome()),
                quoted(array(r.reasons())),
                quoted(JSON.writeValueAsString(r.fields())),
                quoted(array(r.consentRecordIds())),
                quoted(r.policyVersion()),
                r.occurredAt().toString(),
                r.receivedAt().toString());
        return String.join(",", values) + "\n";
    }

    /** CSV: a null is an empty unquoted field; everything else is quoted. */
    private static String quoted(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String array(List<String> values) {
        return "{"
                + String.join(
                        ",",
                        values.stream()
                                .map(v -> '"' + v.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                                .toList())
                + "}";
    }
}
