package io.consentinel.audit;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.web.ProblemException;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Verifies one store's hash chain on demand. */
@RestController
@Allowed({Role.OFFICER, Role.ADMIN})
class IntegrityController {

    private final ZoneStores stores;
    private final ChainVerifier verifier;

    IntegrityController(ZoneStores stores, ChainVerifier verifier) {
        this.stores = stores;
        this.verifier = verifier;
    }

    @GetMapping("/v1/audit/integrity")
    @Operation(summary = "Verify a store's decision chain", description = """
            zone: a residency zone, or 'control' for the decisions that have no zone. Walks the whole chain; \
            checked counts the rows verified, up to and including the first invalid one. problem is one of \
            hash-mismatch, missing-row, missing-tail, head-mismatch, subject-mismatch, or null.""")
    ChainVerifier.Report integrity(@RequestParam MultiValueMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, Set.of("zone"));
        String zone = parameters.text("zone");
        if (!query.containsKey("zone")) {
            parameters.violations().add("/zone", "is required: the zone whose chain to verify");
        }
        parameters.violations().throwIfAny();
        ZoneStore store = stores.byName(zone).orElseThrow(() -> ProblemException.notFound("The zone"));
        return verifier.verify(store);
    }
}
