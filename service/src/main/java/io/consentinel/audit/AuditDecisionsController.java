package io.consentinel.audit;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import io.swagger.v3.oas.annotations.Operation;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists decisions newest first across every store, and shows one decision with what was stored. */
@RestController
@RequestMapping("/v1/audit/decisions")
@Allowed({Role.OFFICER, Role.ADMIN})
class AuditDecisionsController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Set<String> LIST_PARAMETERS = with(DecisionFilter.PARAMETERS, "limit", "cursor");

    private final ZoneStores stores;
    private final DecisionPages pages;
    private final DecisionLookup lookup;
    private final DecisionItems rows;

    AuditDecisionsController(ZoneStores stores, DecisionPages pages, DecisionLookup lookup, DecisionItems rows) {
        this.stores = stores;
        this.pages = pages;
        this.lookup = lookup;
        this.rows = rows;
    }

    @GetMapping
    @Operation(summary = "Decisions, newest first", description = """
            Filters (all optional, combined with AND): subjectId, appId, type, jurisdiction, zone, outcome \
            (accepted|anonymised|rejected), reason, category, action (category and action match the same field), \
            from (inclusive) and to (exclusive) on receipt time, RFC 3339. limit: 1 to 1000, default 100. \
            cursor: the nextCursor of the previous page; a listing is a snapshot of the moment its first page \
            was read, so paging never repeats or skips a decision while new ones arrive. Unknown parameters are 400.""")
    DecisionPages.Page list(@RequestParam MultiValueMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, LIST_PARAMETERS);
        DecisionFilter filter = DecisionFilter.from(parameters, stores);
        int limit = parameters.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Set<String> storeNames = stores.all().stream().map(ZoneStore::name).collect(Collectors.toSet());
        PageCursor cursor =
                PageCursor.decode(parameters.text("cursor"), storeNames, rows.json(), parameters.violations());
        parameters.violations().throwIfAny();
        return pages.page(filter, cursor, limit);
    }

    @GetMapping("/{eventId}")
    @Operation(summary = "One decision, with storedAttributes (null when nothing was stored)", description = """
            appId is needed only when several apps used the same event id (409 otherwise).""")
    DecisionLookup.DecisionDetail one(@PathVariable String eventId, @RequestParam MultiValueMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, Set.of("appId"));
        UUID id = null;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            parameters.violations().add("/eventId", "must be a UUID");
        }
        String appId = parameters.text("appId");
        parameters.violations().throwIfAny();
        return lookup.find(id, appId);
    }

    static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
