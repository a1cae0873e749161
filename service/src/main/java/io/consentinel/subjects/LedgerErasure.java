package io.consentinel.subjects;

import io.consentinel.consent.ConsentErasure;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The control-store half of an erasure, in one transaction: the consent module pseudonymises its ledger,
 * and the erasure itself is recorded.
 */
@Component
class LedgerErasure {

    /** The first key of the advisory lock that serialises erasures of one subject across nodes. */
    private static final int SUBJECT_LOCK = 0x45524153; // "ERAS"

    private final JdbcClient control;
    private final ConsentErasure ledger;
    private final JsonMapper json;

    LedgerErasure(JdbcClient control, ConsentErasure ledger, JsonMapper json) {
        this.control = control;
        this.ledger = ledger;
        this.json = json;
    }

    boolean isErasedPseudonym(String subjectId) {
        return control.sql("select exists (select 1 from erasures where subject_pseudonym = ?)")
                .param(subjectId)
                .query(Boolean.class)
                .single();
    }

    /** Returns the number of consent records pseudonymised; zero when the ledger was already erased. */
    @Transactional
    int erase(String subjectId, String pseudonym, Map<String, Erasure.Counts> zones, String erasedBy) {
        control.sql("select pg_advisory_xact_lock(?, ?)")
                .params(SUBJECT_LOCK, pseudonym.hashCode())
                .query((rs, n) -> n)
                .list();
        int records = ledger.pseudonymise(subjectId, pseudonym);
        Erasure.Result result = new Erasure.Result(pseudonym, zones, records);
        control.sql("insert into erasures (subject_pseudonym, erased_by, counts) values (?, ?, ?::jsonb)")
                .params(pseudonym, erasedBy, json.writeValueAsString(result.counts()))
                .update();
        return records;
    }
}
