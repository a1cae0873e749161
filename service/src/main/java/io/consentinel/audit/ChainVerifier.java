package io.consentinel.audit;

import io.consentinel.zones.DecisionChain;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.ZoneStore;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks a store's decision chain from the genesis, in sequence order through a streaming cursor, and
 * reports the first sequence that does not verify:
 * <ul>
 *   <li>a row whose recomputed hash differs from its stored hash (altered);
 *   <li>a sequence missing between two rows (deleted row): the first missing sequence;
 *   <li>rows missing after the last one up to the chain head (deleted tail): the last row's sequence + 1;
 *   <li>a head whose hash is not the last row's (tail rewritten with the head rewound): the head + 1;
 *   <li>a {@code subject_id} that is neither its {@code subject_ref} (erased) nor a subject whose pseudonym
 *       is the subject ref (swapped). This check needs a {@link SubjectPseudonyms} bean and is skipped
 *       without one, because the hash covers only the ref.
 * </ul>
 * The head and the rows are read in one repeatable-read snapshot, so decisions committed meanwhile are
 * neither checked nor mistaken for a gap.
 */
@Component
class ChainVerifier {

    private static final int FETCH_SIZE = 500;

    private final JsonMapper json;
    private final SubjectPseudonyms pseudonyms;

    @Autowired
    ChainVerifier(JsonMapper json, ObjectProvider<SubjectPseudonyms> pseudonyms) {
        this(json, pseudonyms.getIfAvailable());
    }

    /** @param pseudonyms null to skip the subject check */
    ChainVerifier(JsonMapper json, SubjectPseudonyms pseudonyms) {
        this.json = json;
        this.pseudonyms = pseudonyms;
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
        Head head = store.jdbc().sql("select last_sequence, last_hash from chain_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2))).single();
        Walk walk = new Walk(store.name());
        store.jdbc()
                .sql("select sequence, event_id, app_id, subject_id, subject_ref, event_type, jurisdiction, zone, "
                        + "outcome, reasons, fields, consent_record_ids, policy_version, occurred_at, received_at, "
                        + "hash from decisions where sequence <= ? order by sequence")
                .param(head.lastSequence())
                .withFetchSize(FETCH_SIZE)
                .query(rs -> {
                    if (walk.failure == null) {
                        walk.check(record(rs));
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

    private record Head(long lastSequence, byte[] lastHash) {}

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
            return pseudonyms == null
                    || row.subjectId().equals(row.subjectRef())
                    || row.subjectRef().equals(pseudonyms.of(row.subjectId()));
        }
    }

    private DecisionRecord record(ResultSet rs) throws SQLException {
        return new DecisionRecord(
                rs.getLong("sequence"),
                rs.getObject("event_id", UUID.class),
                rs.getString("app_id"),
                rs.getString("subject_id"),
                rs.getString("subject_ref"),
                rs.getString("event_type"),
                rs.getString("jurisdiction"),
                rs.getString("zone"),
                rs.getString("outcome"),
                DecisionRows.strings(rs.getArray("reasons")),
                DecisionRows.fields(json, rs.getString("fields")),
                DecisionRows.strings(rs.getArray("consent_record_ids")),
                rs.getString("policy_version"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getBytes("hash"));
    }
}
