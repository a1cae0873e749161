package io.consentinel.consent;

import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.SubjectIds;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The consent ledger over HTTP. Records are only ever appended: there is no update or delete. */
@RestController
@RequestMapping("/v1/subjects/{subjectId}/consents")
class ConsentController {

    private final ConsentLedger ledger;

    ConsentController(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.APP, Role.ADMIN})
    ConsentView.State append(@PathVariable String subjectId, @RequestBody JsonNode body, Caller caller) {
        return ledger.append(SubjectIds.require(subjectId), body, caller);
    }

    @GetMapping
    @Allowed({Role.APP, Role.OFFICER, Role.ADMIN})
    ConsentView.State state(@PathVariable String subjectId) {
        return ledger.state(SubjectIds.require(subjectId));
    }

    @GetMapping("/history")
    @Allowed({Role.APP, Role.OFFICER, Role.ADMIN})
    ConsentView.History history(@PathVariable String subjectId) {
        return new ConsentView.History(ledger.history(SubjectIds.require(subjectId)));
    }

}
