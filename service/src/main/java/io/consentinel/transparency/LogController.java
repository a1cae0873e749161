package io.consentinel.transparency;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import io.consentinel.web.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** The transparency logs over HTTP (API.md, "Verifiable audit log"): what an outsider needs to check them. */
@RestController
@RequestMapping("/v1/audit/log")
@Allowed({Role.OFFICER, Role.ADMIN})
class LogController {

    static final int MAX_ENTRIES = 1000;
    static final MediaType TEXT_UTF8 = MediaType.parseMediaType("text/plain; charset=utf-8");

    private final Logs logs;
    private final Checkpoints checkpoints;
    private final LogProofs proofs;

    LogController(Logs logs, Checkpoints checkpoints, LogProofs proofs) {
        this.logs = logs;
        this.checkpoints = checkpoints;
        this.proofs = proofs;
    }

    /** The answer of the key endpoint. */
    record Key(String origin, String verifierKey) {}

    /** The answer of the entries endpoint. */
    record Entries(List<ObjectNode> entries) {}

    @GetMapping(value = "/checkpoint", produces = "text/plain; charset=utf-8")
    @Operation(
            summary = "The log's signed checkpoint",
            description = """
            zone: a residency zone, 'control' or 'consent'. A C2SP tlog-checkpoint inside a C2SP signed note, \
            signed with Ed25519, covering every entry committed before the request began. 409 when the log's \
            rows no longer extend what was signed: the service then signs nothing for that log.""",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = @Content(mediaType = "text/plain", examples = @ExampleObject(value = """
                            consentinel.local/in
                            1234
                            7mJ2nmfhVbTQqIu0XEDM6zYzs0fNy1LvPyHXWuDcbHc=

                            \u2014 consentinel.local/in Lx1JiV0b7u0TvNHTq3yYzXzF4yGIqf9EfcvpmZ2rU2D0wJ7c5wZ...
                            """))))
    String checkpoint(@RequestParam MultiValueMap<String, String> query) {
        LogQuery q = new LogQuery(query, Set.of("zone"));
        TransparencyLog log = q.log(logs);
        return checkpoints.current(log).note();
    }

    @GetMapping("/key")
    @Operation(
            summary = "The log's verifier key",
            description = """
            In the format golang.org/x/mod/sumdb/note reads: <name>+<8 hex digits of key id>+<base64 of 0x01 || \
            Ed25519 public key>. The name is the log's origin.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
                    {"origin": "consentinel.local/in",
                     "verifierKey": "consentinel.local/in+3fa9c2d1+AWg0XrZ8d6OdYHxm6FZSvT6S0dB4z7aIh5ZJ1f0cJ2o8"}"""))))
    Key key(@RequestParam MultiValueMap<String, String> query) {
        TransparencyLog log = new LogQuery(query, Set.of("zone")).log(logs);
        return new Key(checkpoints.origin(log), checkpoints.verifierKey(log));
    }

    @GetMapping("/proof/inclusion")
    @Operation(
            summary = "Inclusion proof of one entry",
            description = """
            RFC 9162 section 2.1.3. sequence (decision logs) or recordId (consent) names the entry; treeSize \
            defaults to the current size. A size beyond the tree or a leaf outside it is 400; an unknown \
            sequence or record is 404.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
                    {"leafIndex": 41, "treeSize": 1234, "entry": {"v": 1, "sequence": 42, "...": "..."},
                     "hashes": ["mCe1kUqW0Wc7Y7T4m9c0Yd8b1d3m2oXQ7f8e5bq0x2E=", "..."]}"""))))
    LogProofs.Inclusion inclusion(@RequestParam MultiValueMap<String, String> query) {
        LogQuery q = new LogQuery(query, Set.of("zone", "sequence", "recordId", "treeSize"));
        TransparencyLog log = q.log(logs);
        long current = log.head().size();
        boolean consent = log.keyedByRecord();
        Long sequence = consent ? null : q.number("sequence", 1, true);
        UUID recordId = consent ? q.uuid("recordId") : null;
        if (consent && query.containsKey("sequence")) {
            q.violations().add("/sequence", "the consent log names entries by recordId");
        }
        if (!consent && query.containsKey("recordId")) {
            q.violations().add("/recordId", "decision logs name entries by sequence");
        }
        Long treeSize = q.number("treeSize", 1, false);
        q.violations().throwIfAny();
        long size = treeSize == null ? current : treeSize;
        if (size > current) {
            throw invalid("/treeSize", "is beyond the current tree of " + current + " entries");
        }
        long leaf;
        if (consent) {
            leaf = log.leafOfRecord(recordId).orElseThrow(() -> ProblemException.notFound("The record"));
        } else {
            if (sequence > current) {
                throw ProblemException.notFound("The sequence");
            }
            leaf = sequence - 1;
        }
        if (leaf >= size) {
            throw invalid("/treeSize", "the entry is not in a tree of " + size + " entries");
        }
        return proofs.inclusion(log, leaf, size);
    }

    @GetMapping("/proof/consistency")
    @Operation(
            summary = "Consistency proof between two tree sizes",
            description = """
            RFC 9162 section 2.1.4: proves that the tree of size to extends the tree of size from. 0 <= from <= \
            to <= the current size, else 400; equal sizes and from = 0 give an empty proof.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
                    {"from": 1000, "to": 1234, "hashes": ["0n8cV0bV7m2b5Kk0JxQe4rXk8n1E3mJ9nYb6Zc1q2aU=", "..."]}"""))))
    LogProofs.Consistency consistency(@RequestParam MultiValueMap<String, String> query) {
        LogQuery q = new LogQuery(query, Set.of("zone", "from", "to"));
        TransparencyLog log = q.log(logs);
        Long from = q.number("from", 0, true);
        Long to = q.number("to", 0, true);
        q.violations().throwIfAny();
        long current = log.head().size();
        Violations violations = new Violations();
        if (to > current) {
            violations.add("/to", "is beyond the current tree of " + current + " entries");
        }
        if (from > to) {
            violations.add("/from", "must not exceed to");
        }
        violations.throwIfAny();
        return proofs.consistency(log, from, to);
    }

    @GetMapping("/entries")
    @Operation(
            summary = "Entries of a range of leaves",
            description = """
            The entry objects of leaves start (inclusive) to end (exclusive), in order, at most 1000 per call; \
            the RFC 8785 canonical JSON of each is its leaf.""",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = """
                    {"entries": [{"v": 1, "sequence": 1, "eventId": "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11",
                      "appId": "mi-browser", "subjectRef": "ps:k1:3q2-7wAAAAA", "type": "browsing.page_view",
                      "jurisdiction": "IN", "zone": "in", "outcome": "anonymised", "reasons": ["CONSENT_MISSING"],
                      "fields": [{"path": "device.imei", "category": "device.identifier", "action": "pseudonymise",
                      "reason": "CONSENT_MISSING"}], "consentRecordIds": [], "policyVersion": "2026-11-24",
                      "occurredAt": "2026-11-24T09:59:58Z", "receivedAt": "2026-11-24T10:00:00.123456Z"}]}"""))))
    Entries entries(@RequestParam MultiValueMap<String, String> query) {
        LogQuery q = new LogQuery(query, Set.of("zone", "start", "end"));
        TransparencyLog log = q.log(logs);
        Long start = q.number("start", 0, true);
        Long end = q.number("end", 0, true);
        q.violations().throwIfAny();
        long current = log.head().size();
        Violations violations = new Violations();
        if (end > current) {
            violations.add("/end", "is beyond the current tree of " + current + " entries");
        }
        if (start > end) {
            violations.add("/start", "must not exceed end");
        } else if (end - start > MAX_ENTRIES) {
            violations.add("/end", "at most " + MAX_ENTRIES + " entries per call");
        }
        violations.throwIfAny();
        return new Entries(log.entries(start, end));
    }

    private static InvalidRequestException invalid(String pointer, String detail) {
        return new InvalidRequestException(List.of(new Violation(pointer, detail)));
    }
}
