package io.consentinel.consent;

import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Objects;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Consent receipts: everything a subject needs to prove, offline and to anyone, that the ledger holds a record. */
@RestController
class ConsentReceiptsController {

    private final ConsentLog log;
    private final ConsentReceipts receipts;

    ConsentReceiptsController(ConsentLog log, ConsentReceipts receipts) {
        this.log = log;
        this.receipts = receipts;
    }

    @GetMapping("/v1/subjects/{subjectId}/consents/receipts/{recordId}")
    @Allowed({Role.APP, Role.COLLECTOR, Role.OFFICER, Role.ADMIN})
    @Operation(
            summary = "A consent record's receipt",
            description = """
            The record's log entry, its inclusion proof (RFC 9162 section 2.1.3) in the tree of a signed \
            checkpoint of the 'consent' log, and the verifier key: checkable offline with `verify receipt`. \
            An app key sees only records in its view (its own scope and vendor-wide ones); 404 otherwise.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
                    {"entry": {"v": 1, "recordId": "6f0c1a52-4b7e-4d0f-9a57-0f2d3c4b5a69", "subjectRef": "ps:k1:3q2-7wAAAAA",
                      "appId": null, "imported": false, "jurisdiction": "IN", "purposes": {"analytics": "granted"},
                      "noticeVersion": "notice-2026-09", "capturedAt": "2026-11-24T10:00:00Z", "expiresAt": null,
                      "source": "mi-browser/settings", "child": false, "gpc": null, "tcString": null,
                      "gppString": null, "recordedAt": "2026-11-24T10:00:00.412345Z"},
                     "leafIndex": 17, "treeSize": 18, "hashes": ["mCe1kUqW0Wc7Y7T4m9c0Yd8b1d3m2oXQ7f8e5bq0x2E="],
                     "checkpoint": "consentinel.local/consent\\n18\\n...\\n\\n\u2014 consentinel.local/consent ...\\n",
                     "verifierKey": "consentinel.local/consent+1b2c3d4e+AWg0XrZ8d6OdYHxm6FZSvT6S0dB4z7aIh5ZJ1f0cJ2o8"}"""))))
    ConsentReceipts.Receipt receipt(@PathVariable String subjectId, @PathVariable UUID recordId, Caller caller) {
        log.scopeOf(recordId)
                .filter(found -> found.subjectId().equals(subjectId))
                .filter(found -> caller.role() != Role.APP
                        || found.appId() == null
                        || Objects.equals(found.appId(), caller.appId()))
                .orElseThrow(() -> ProblemException.notFound("The record"));
        return receipts.of(recordId);
    }
}
