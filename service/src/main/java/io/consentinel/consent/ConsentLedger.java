package io.consentinel.consent;

import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.Policy;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.security.Caller;
import io.consentinel.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Appends consent records and answers with the subject's state. Each append also updates the current
 * state and ticks the control clock in the same transaction, so every node sees it on its next request.
 */
@Service
class ConsentLedger {

    private final ConsentRecords records;
    private final ConsentSubjects subjects;
    private final ActivePolicy activePolicy;
    private final ControlClock clock;
    private final Clock time;
    private final ConsentHistories histories;
    private final ConsentLog log;

    ConsentLedger(ConsentRecords records, ConsentSubjects subjects, ActivePolicy activePolicy, ControlClock clock,
            Clock time, ConsentHistories histories, ConsentLog log) {
        this.records = records;
        this.subjects = subjects;
        this.activePolicy = activePolicy;
        this.clock = clock;
        this.time = time;
        this.histories = histories;
        this.log = log;
    }

    @Transactional
    ConsentView.State append(String subjectId, JsonNode body, Caller caller) {
        Instant now = time.instant();
        Policy policy = activePolicy.current();
        ConsentCommand command = ConsentRequests.validate(body, policy, now);
        Map<String, String> effective = effectivePurposes(command, policy);
        ConsentRecord record = records.save(
                new ConsentRecord(subjectId, command, effective, now, caller.keyId(), caller.appId()));
        subjects.upsertSubject(subjectId, command.jurisdiction(), command.child(), command.capturedAt(), now);
        effective.forEach((purpose, status) -> subjects.upsertPurpose(subjectId, purpose, status,
                command.capturedAt(), command.expiresAt(), command.noticeVersion(), record.id()));
        records.flush();
        // The record joins the consent transparency log in this transaction, or not at all.
        log.append();
        ConsentView.State state = state(subjectId);
        // Last: the clock row lock it takes serialises every consent append on every node until commit,
        // so nothing else may run while it is held.
        clock.record(ChangeKind.CONSENT, subjectId);
        return state;
    }

    @Transactional(readOnly = true)
    ConsentView.State state(String subjectId) {
        return subjects.findById(subjectId)
                .map(ConsentView.State::of)
                .orElseThrow(() -> ProblemException.notFound("Consent for this subject"));
    }

    List<ConsentRecordView> history(String subjectId) {
        List<ConsentRecordView> history = histories.of(subjectId);
        if (history.isEmpty()) {
            throw ProblemException.notFound("Consent for this subject");
        }
        return history;
    }

    /**
     * TCF-derived statuses first, explicit ones over them, and a GPC opt-out over both: an explicit
     * grant cannot undo the browser's "do not sell or share" signal.
     */
    private static Map<String, String> effectivePurposes(ConsentCommand command, Policy policy) {
        Map<String, String> effective = new LinkedHashMap<>();
        if (command.tcString() != null) {
            TcStrings.decode(command.tcString()).consents()
                    .ifPresent(consents -> effective.putAll(TcStrings.purposes(consents, policy.tcf())));
        }
        effective.putAll(command.purposes());
        if (Boolean.TRUE.equals(command.gpc())) {
            policy.gpcDenies().forEach(purpose -> effective.put(purpose, "denied"));
        }
        return effective;
    }
}
