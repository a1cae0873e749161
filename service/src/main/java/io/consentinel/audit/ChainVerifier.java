package io.consentinel.audit;

import io.consentinel.zones.ChainHeads;
import io.consentinel.zones.DecisionChain;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.DecisionRows;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.ZoneStore;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks a store's decision chain from the genesis, in sequence order through a streaming cursor, and
 * reports the first sequence that does not verify:
 * <ul>
 *   <li>a row whose recomputed hash differs from its stored hash (altered);
 *   <li>a sequence missing between two rows (deleted row): the first missing sequence;
 *   <li>rows missing after the last one up to the chain head (deleted tail): the last row's sequence + 1;
 *   <li>a head whose hash is not the last row's (tail rewritten with the head rewound): the head + 1;
 *   <li>a {@code subject_id} that is neither its {@code subject_ref} (erased) nor a subject whose pseudonym
 *       is the subject ref (swapped); the hash covers only the ref, so this is checked separately. A ref
 *       made under another key id (before a key rotation) cannot be recomputed and is covered by the hash
 *       alone.
 * </ul>
 * The head and the rows are read in one repeatable-read snapshot, so decisions committed meanwhile are
 * neither checked nor mistaken for a gap.
 */
@Component
class ChainVerifier {

    private static final int FETCH_SIZE = 500;

    private static final DecisionRows ROWS = new DecisionRows();

    private final SubjectPseudonyms pseudonyms;
    private final ChainHeads heads;
    private final String currentKeyPrefix;

    ChainVerifier(SubjectPseudonyms pseudonyms, ChainHeads heads) {
        this.pseudonyms = pseudonyms;
        this.heads = heads;
        // Pseudonyms read "ps:<keyId>:<mac>"; the prefix tells which key made a ref.
        String sample = pseudonyms.of("");
        this.currentKeyPrefix = sample.substring(0, sample.lastIndexOf(':') + 1);
    }

    /** The result; {@code problem} names what failed at {@code firstInvalidSequence}. */
    record Report(String zone, long checked, boolean valid, Long firstInvalidSequence, String problem) {

        static Report valid(String zone, long checked) {
            return new Report(zone, checked, true, null, null);
        }

        static Report invalid(String zone, long checked, long sequence, String problem) {
            return new Report(zone, checked, false, sequence, problem);
        }
    }

    Report verify(ZoneStore store) {
        TransactionTemplate snapshot = new TransactionTemplate(store.transactions().getTransactionManager());
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        return snapshot.execute(status -> walk(store));
    }

    private Report walk(ZoneStore store) {
        ChainHeads.Head head = heads.read(store);
        Walk walk = new Walk(store.name());
        store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions where sequence <= ? order by sequence")
                .param(head.lastSequence())
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    if (walk.failure == null) {
                        walk.check(ROWS.mapRow(rs, 0));
                    }
                });
        if (walk.failure != null) {
            return walk.failure;
        }
        if (walk.expected <= head.lastSequence()) {
            return Report.invalid(store.name(), walk.checked, walk.expected, "missing-tail");
        }
        if (!MessageDigest.isEqual(walk.previous, head.lastHash())) {
            return Report.invalid(store.name(), walk.checked, head.lastSequence() + 1, "head-mismatch");
        }
        return Report.valid(store.name(), walk.checked);
    }

    /** The state of one walk down the chain. */
    private final class Walk {
        private final String zone;
        private long expected = 1;
        private long checked;
        private byte[] previous = DecisionChain.GENESIS;
        private Report failure;

        Walk(String zone) {
            this.zone = zone;
        }

        void check(DecisionRecord row) {
            if (row.sequence() != expected) {
                failure = Report.invalid(zone, checked, expected, "missing-row");
                return;
            }
            checked++;
            if (!MessageDigest.isEqual(DecisionChain.link(previous, row), row.hash())) {
                failure = Report.invalid(zone, checked, row.sequence(), "hash-mismatch");
                return;
            }
            if (!subjectMatches(row)) {
                failure = Report.invalid(zone, checked, row.sequence(), "subject-mismatch");
                return;
            }
            previous = row.hash();
            expected++;
        }

        private boolean subjectMatches(DecisionRecord row) {
            return row.subjectId().equals(row.subjectRef())
                    || !row.subjectRef().startsWith(currentKeyPrefix)
                    || row.subjectRef().equals(pseudonyms.of(row.subjectId()));
        }
    }
}
