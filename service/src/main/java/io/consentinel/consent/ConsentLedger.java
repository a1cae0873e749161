package io.consentinel.consent;

import io.consentinel.decision.Policy;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Appends consent records and answers with the subject's state in a view. A record made with an app key
 * has that app's scope; one made with a collector or admin key is vendor-wide. Each append logs a change in
 * its group's transaction ({@link LedgerWriter}), so every node sees it on its next request.
 */
@Service
class ConsentLedger {

    private final ConsentRecords records;
    private final ActivePolicy activePolicy;
    private final Clock time;
    private final ConsentProperties properties;
    private final LedgerWriter writer;

    ConsentLedger(
            ConsentRecords records,
            ActivePolicy activePolicy,
            Clock time,
            ConsentProperties properties,
            LedgerWriter writer) {
        this.records = records;
        this.activePolicy = activePolicy;
        this.time = time;
        this.properties = properties;
        this.writer = writer;
    }

    /**
     * Appends one record and answers with the caller's view: an app's own, or every record otherwise. The
     * record is committed, with its change-log entry, before this returns (in a group: {@link LedgerWriter}).
     */
    ConsentView.State append(String subjectId, JsonNode body, Caller caller) {
        Instant now = time.instant();
        Policy policy = activePolicy.current();
        ConsentCommand command =
                ConsentRequests.validate(body, policy, now, properties.maxBackdate(), caller.role() == Role.ADMIN);
        String scope = scopeOf(caller);
        List<StoredRecord> records = writer.append(new RecordToAppend(
                UUID.randomUUID(), subjectId, command, effectivePurposes(command, policy), now, caller.keyId(), scope));
        return ConsentView.State.of(
                subjectId, records.stream().filter(r -> r.countsFor(scope)).toList());
    }

    /** The state in app {@code appId}'s view, or folded from every record when {@code appId} is null. */
    @Transactional(readOnly = true)
    ConsentView.State state(String subjectId, String appId) {
        ConsentView.State state = ConsentView.State.of(subjectId, recordsIn(subjectId, appId));
        if (state == null) {
            throw ProblemException.notFound("Consent for this subject");
        }
        return state;
    }

    /** The records in app {@code appId}'s view, or every record when {@code appId} is null; oldest first. */
    @Transactional(readOnly = true)
    List<ConsentRecordView> history(String subjectId, String appId) {
        List<ConsentRecordView> history =
                recordsIn(subjectId, appId).stream().map(ConsentRecordView::of).toList();
        if (history.isEmpty()) {
            throw ProblemException.notFound("Consent for this subject");
        }
        return history;
    }

    private List<ConsentRecord> recordsIn(String subjectId, String appId) {
        return appId == null ? records.history(subjectId) : records.view(subjectId, appId);
    }

    /** An app key writes in its app's scope; a collector's or admin's record is vendor-wide. */
    private static String scopeOf(Caller caller) {
        return caller.role() == Role.APP ? caller.appId() : null;
    }

    /**
     * TCF-derived statuses first (TC string, then a GPP string's EU section), explicit ones over them, and
     * opt-outs (GPC, a GPP string's Gpc field and its US opt-outs) over all: an explicit grant cannot undo
     * a "do not sell or share" signal.
     */
    private static Map<String, String> effectivePurposes(ConsentCommand command, Policy policy) {
        Map<String, String> effective = new LinkedHashMap<>();
        if (command.tcString() != null) {
            TcStrings.decode(command.tcString())
                    .consents()
                    .ifPresent(consents -> effective.putAll(TcStrings.purposes(consents, policy.tcf())));
        }
        GppStrings.Decoded gpp = command.gppString() == null ? null : GppStrings.decode(command.gppString());
        if (gpp != null) {
            effective.putAll(gpp.tcfPurposes(policy.tcf()));
        }
        effective.putAll(command.purposes());
        if (Boolean.TRUE.equals(command.gpc()) || (gpp != null && gpp.gpc())) {
            policy.gpcDenies().forEach(purpose -> effective.put(purpose, "denied"));
        }
        if (gpp != null) {
            gpp.deniedByOptOuts(policy).forEach(purpose -> effective.put(purpose, "denied"));
        }
        return effective;
    }
}
