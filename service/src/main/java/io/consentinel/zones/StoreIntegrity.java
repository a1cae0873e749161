package io.consentinel.zones;

import io.consentinel.transparency.LogTables;
import io.consentinel.transparency.tree.Frontier;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks a store's decisions in sequence order, through a streaming cursor, against its transparency log,
 * and reports the first sequence that does not verify:
 * <ul>
 *   <li>a row whose entry no longer hashes to the leaf the log holds for it (altered): {@code hash-mismatch};
 *   <li>a sequence missing between two rows (deleted row): {@code missing-row}, the first missing sequence;
 *   <li>rows missing before the head's last sequence (deleted tail): {@code missing-tail}, the last row + 1;
 *   <li>a head that disagrees with the rows (the tail deleted and the head rewound, or the log's root not
 *       the one the rows give): {@code head-mismatch}, the head's last sequence + 1;
 *   <li>a {@code subject_id} that is neither its {@code subject_ref} (erased) nor a subject whose pseudonym
 *       is the subject ref (swapped): {@code subject-mismatch}. The log covers only the ref, so this is
 *       checked separately; a ref made under another key id (before a key rotation) cannot be recomputed
 *       and is covered by the log alone.
 * </ul>
 * The head and the rows are read in one repeatable-read snapshot, so decisions committed meanwhile are
 * neither checked nor mistaken for a gap. Whether the log still extends what was signed is the
 * transparency package's check; this one ties the rows to the log.
 */
@Component
public class StoreIntegrity {

    private static final int FETCH_SIZE = 500;
    private static final DecisionRows ROWS = new DecisionRows();

    private final SubjectPseudonyms pseudonyms;
    private final String currentKeyPrefix;

    public StoreIntegrity(SubjectPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        // Pseudonyms read "ps:<keyId>:<mac>"; the prefix tells which key made a ref.
        String sample = pseudonyms.of("");
        this.currentKeyPrefix = sample.substring(0, sample.lastIndexOf(':') + 1);
    }

    /** The result; {@code problem} names what failed at {@code firstInvalidSequence}. */
    public record Report(String zone, long checked, boolean valid, Long firstInvalidSequence, String problem) {

        static Report valid(String zone, long checked) {
            return new Report(zone, checked, true, null, null);
        }

        static Report invalid(String zone, long checked, long sequence, String problem) {
            return new Report(zone, checked, false, sequence, problem);
        }
    }

    public Report verify(ZoneStore store) {
        TransactionTemplate snapshot =
                new TransactionTemplate(store.transactions().getTransactionManager());
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return snapshot.execute(status -> walk(store));
    }

    private Report walk(ZoneStore store) {
        Head head = store.jdbc()
                .sql("select last_sequence, tree_size, tree_frontier from chain_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), Frontier.of(rs.getLong(2), rs.getBytes(3))))
                .single();
        Walk walk = new Walk(store.name(), head);
        store.jdbc()
                .sql("select d.sequence, d.event_id, d.app_id, d.subject_id, d.subject_ref, d.event_type,"
                        + " d.jurisdiction, d.zone, d.outcome, d.reasons, d.fields, d.consent_record_ids,"
                        + " d.policy_version, d.occurred_at, d.received_at,"
                        + " substring(n.hashes from ((d.sequence - 1) % " + LogTables.BLOCK + ")::int * 32 + 1 for 32)"
                        + " as leaf from decisions d left join log_node_blocks n"
                        + " on n.level = 0 and n.block = (d.sequence - 1) / " + LogTables.BLOCK
                        + " where d.sequence <= ? order by d.sequence")
                .param(head.lastSequence())
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    if (walk.failure == null) {
                        walk.check(ROWS.mapRow(rs, 0), rs.getBytes("leaf"));
                    }
                });
        if (walk.failure != null) {
            return walk.failure;
        }
        if (walk.expected <= head.lastSequence()) {
            return Report.invalid(store.name(), walk.checked, walk.expected, "missing-tail");
        }
        if (head.tree().size() > head.lastSequence()
                || !MessageDigest.isEqual(walk.rootAtLogSize, head.tree().root())) {
            return Report.invalid(store.name(), walk.checked, head.lastSequence() + 1, "head-mismatch");
        }
        return Report.valid(store.name(), walk.checked);
    }

    private record Head(long lastSequence, Frontier tree) {}

    /** The state of one walk down the rows, rebuilding the log's tree as it goes. */
    private final class Walk {
        private final String zone;
        private final Head head;
        private final Frontier rebuilt = Frontier.empty();
        private long expected = 1;
        private long checked;
        private byte[] rootAtLogSize;
        private Report failure;

        Walk(String zone, Head head) {
            this.zone = zone;
            this.head = head;
            record();
        }

        void check(DecisionRecord row, byte[] storedLeaf) {
            if (row.sequence() != expected) {
                failure = Report.invalid(zone, checked, expected, "missing-row");
                return;
            }
            checked++;
            byte[] leaf = DecisionLeaf.hash(row);
            boolean inLog = row.sequence() <= head.tree().size();
            if (inLog && (storedLeaf == null || !MessageDigest.isEqual(leaf, storedLeaf))) {
                failure = Report.invalid(zone, checked, row.sequence(), "hash-mismatch");
                return;
            }
            if (!subjectMatches(row)) {
                failure = Report.invalid(zone, checked, row.sequence(), "subject-mismatch");
                return;
            }
            rebuilt.append(leaf);
            record();
            expected++;
        }

        private void record() {
            if (rebuilt.size() == head.tree().size()) {
                rootAtLogSize = rebuilt.root();
            }
        }

        private boolean subjectMatches(DecisionRecord row) {
            return row.subjectId().equals(row.subjectRef())
                    || !row.subjectRef().startsWith(currentKeyPrefix)
                    || row.subjectRef().equals(pseudonyms.of(row.subjectId()));
        }
    }
}
