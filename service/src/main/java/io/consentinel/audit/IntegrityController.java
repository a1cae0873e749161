package io.consentinel.audit;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.transparency.Checkpoint;
import io.consentinel.transparency.Checkpoints;
import io.consentinel.transparency.LogCheck;
import io.consentinel.transparency.Logs;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.web.ProblemException;
import io.consentinel.zones.StoreIntegrity;
import io.consentinel.zones.ZoneStores;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Verifies one store's decisions against its transparency log, and the log against what was signed, on demand. */
@RestController
@Allowed({Role.OFFICER, Role.ADMIN})
class IntegrityController {

    private final ZoneStores stores;
    private final StoreIntegrity verifier;
    private final Logs logs;
    private final Checkpoints checkpoints;

    IntegrityController(ZoneStores stores, StoreIntegrity verifier, Logs logs, Checkpoints checkpoints) {
        this.stores = stores;
        this.verifier = verifier;
        this.logs = logs;
        this.checkpoints = checkpoints;
    }

    @GetMapping("/v1/audit/integrity")
    @Operation(summary = "Verify a store's decisions and transparency log", description = """
            zone: a residency zone, 'control' for the decisions that have no zone, or 'consent' for the consent \
            ledger's log. Re-hashes every decision's log entry from its row; checked counts the rows verified, \
            up to and including the first invalid one. problem is one of hash-mismatch, missing-row, \
            missing-tail, head-mismatch, subject-mismatch (the rows against the log), rows-missing, \
            rows-differ-from-log, rows-differ-from-signed-checkpoint, rows-missing-below-signed-size, \
            log-shorter-than-signed-checkpoint (the log), or null. log.signing is false while the service \
            refuses to sign the log because its rows no longer extend what it signed; it signs again once \
            they do.""")
    IntegrityReport integrity(@RequestParam MultiValueMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, Set.of("zone"));
        String zone = parameters.text("zone");
        if (!query.containsKey("zone")) {
            parameters.violations().add("/zone", "is required: the zone whose chain to verify");
        }
        parameters.violations().throwIfAny();
        TransparencyLog log = logs.byName(zone).orElseThrow(() -> ProblemException.notFound("The zone"));
        StoreIntegrity.Report chain = stores.byName(zone).map(verifier::verify).orElse(null);
        LogCheck.Result logCheck = checkpoints.check(log);
        long signedSize = checkpoints.newest(log).map(Checkpoint::treeSize).orElse(0L);
        IntegrityReport report = IntegrityReport.of(chain, logCheck, signedSize);
        return chain == null ? withZone(report, zone) : report;
    }

    private static IntegrityReport withZone(IntegrityReport report, String zone) {
        return new IntegrityReport(
                zone, report.checked(), report.valid(), report.firstInvalidSequence(), report.problem(), report.log());
    }
}
