package io.consentinel.subjects;

import io.consentinel.security.Caller;
import io.consentinel.web.ProblemException;
import io.consentinel.web.StoreUnavailableException;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Erases a subject: every zone first, each in its own transaction, then the consent ledger in one
 * transaction that also records the erasure. A failure part-way leaves the ledger untouched, so the
 * erasure is not yet recorded and repeating the request finishes it: every step is idempotent.
 */
@Service
class Erasure {

    private static final Logger log = LoggerFactory.getLogger(Erasure.class);

    private final ZoneStores stores;
    private final ZoneSubjects zones;
    private final LedgerErasure ledger;
    private final SubjectPseudonyms pseudonyms;

    Erasure(ZoneStores stores, ZoneSubjects zones, LedgerErasure ledger, SubjectPseudonyms pseudonyms) {
        this.stores = stores;
        this.zones = zones;
        this.ledger = ledger;
        this.pseudonyms = pseudonyms;
    }

    Result erase(String subjectId, Caller caller) {
        if (ledger.isErasedPseudonym(subjectId)) {
            // Erasing the receipt's pseudonym would pseudonymise the erased trail a second time and cut it
            // off from its erasure record; there is nothing raw left under it to erase.
            throw ProblemException.conflict("This id is the pseudonym of an erased subject; there is nothing left"
                    + " to erase. Erase by the original subject id, which is a no-op once erased");
        }
        // The same pseudonym the decisions already carry as subject_ref, so the audit trail stays joinable.
        String pseudonym = pseudonyms.of(subjectId);
        Map<String, Counts> counts = new TreeMap<>();
        for (ZoneStore store : stores.all()) {
            counts.put(store.name(), eraseIn(store, subjectId, pseudonym));
        }
        int records = ledger.erase(subjectId, pseudonym, counts, caller.keyId());
        Result result = new Result(pseudonym, counts, records);
        log.info("Erased subject {}: {} (by key {})", pseudonym, result.counts(), caller.keyId());
        return result;
    }

    private Counts eraseIn(ZoneStore store, String subjectId, String pseudonym) {
        try {
            return zones.erase(store, subjectId, pseudonym);
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException unreachable) {
            throw new StoreUnavailableException(
                    "Zone store " + store.name()
                            + " is unavailable; the erasure is incomplete. Repeat the request to finish it",
                    unreachable);
        }
    }

    /** What one store did for the erasure. */
    record Counts(int eventsDeleted, int decisionsPseudonymised) {}

    /** The answer: the pseudonym that now stands for the subject, and the counts per store. */
    record Result(String subjectId, Map<String, Counts> zones, int consentRecordsPseudonymised) {

        /** The counts as recorded in the erasures table, without the subject. */
        Map<String, Object> counts() {
            return Map.of("zones", zones, "consentRecordsPseudonymised", consentRecordsPseudonymised);
        }
    }
}
