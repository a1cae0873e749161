package io.consentinel.consent;

import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.SubjectIds;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The consent ledger over HTTP. Records are only ever appended: there is no update or delete. An app key
 * reads its own view (its records and the vendor-wide ones); other roles read every record, or one app's
 * view with {@code ?appId=}.
 */
@RestController
@RequestMapping("/v1/subjects/{subjectId}/consents")
class ConsentController {

    private static final String VIEW = "Read app X's view: its records and the vendor-wide ones, as X's events"
            + " see them. An app key may only name its own app. Without it, an app key reads its own view and"
            + " other roles read every record of every scope.";

    private final ConsentLedger ledger;

    ConsentController(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Allowed({Role.APP, Role.COLLECTOR, Role.ADMIN})
    ConsentView.State append(@PathVariable String subjectId, @RequestBody JsonNode body, Caller caller) {
        return ledger.append(SubjectIds.require(subjectId), body, caller);
    }

    @GetMapping
    @Allowed({Role.APP, Role.COLLECTOR, Role.OFFICER, Role.ADMIN})
    ConsentView.State state(
            @PathVariable String subjectId,
            @Parameter(description = VIEW) @RequestParam(required = false) String appId,
            Caller caller) {
        return ledger.state(SubjectIds.require(subjectId), viewOf(caller, appId));
    }

    @GetMapping("/history")
    @Allowed({Role.APP, Role.COLLECTOR, Role.OFFICER, Role.ADMIN})
    ConsentView.History history(
            @PathVariable String subjectId,
            @Parameter(description = VIEW) @RequestParam(required = false) String appId,
            Caller caller) {
        return new ConsentView.History(ledger.history(SubjectIds.require(subjectId), viewOf(caller, appId)));
    }

    /** The app whose view is read, or null for every record. */
    private static String viewOf(Caller caller, String appId) {
        String requested = appId == null || appId.isEmpty() ? null : appId;
        if (caller.role() == Role.APP) {
            if (requested != null) {
                caller.requireActsFor(requested);
            }
            return caller.appId();
        }
        return requested;
    }
}
