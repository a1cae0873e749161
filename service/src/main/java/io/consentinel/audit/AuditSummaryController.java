package io.consentinel.audit;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.zones.ZoneStores;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Counts of decisions, grouped by any combination of dimensions, over the same filters as the list. */
@RestController
@Allowed({Role.OFFICER, Role.ADMIN})
class AuditSummaryController {

    private static final Set<String> PARAMETERS = AuditDecisionsController.with(DecisionFilter.PARAMETERS, "groupBy");

    private final ZoneStores stores;
    private final DecisionSummaries summaries;

    AuditSummaryController(ZoneStores stores, DecisionSummaries summaries) {
        this.stores = stores;
        this.summaries = summaries;
    }

    @GetMapping("/v1/audit/summary")
    @Operation(summary = "Decision counts by group", description = """
            groupBy: comma-separated, any of outcome, zone, jurisdiction, appId, type, reason, category, action. \
            total counts decisions. A group counts the decisions that have its key: a decision with two reasons \
            counts in both reason groups, and one without reasons or fields counts under null. Without groupBy, \
            groups is empty. The list's filters apply.""")
    DecisionSummaries.Summary summary(@RequestParam MultiValueMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        DecisionFilter filter = DecisionFilter.from(parameters, stores);
        List<SummaryDimension> groupBy = groupBy(parameters);
        parameters.violations().throwIfAny();
        return summaries.summarise(filter, groupBy);
    }

    private static List<SummaryDimension> groupBy(QueryParameters parameters) {
        String text = parameters.text("groupBy");
        List<SummaryDimension> dimensions = new ArrayList<>();
        if (text == null) {
            return dimensions;
        }
        for (String name : text.split(",", -1)) {
            Optional<SummaryDimension> dimension = SummaryDimension.fromWire(name.trim());
            if (dimension.isEmpty()) {
                parameters
                        .violations()
                        .add(
                                "/groupBy",
                                "unknown key '" + shortened(name.trim()) + "'; allowed: "
                                        + SummaryDimension.wireNames());
            } else if (dimensions.contains(dimension.get())) {
                parameters.violations().add("/groupBy", "'" + dimension.get().wireName + "' is listed twice");
            } else {
                dimensions.add(dimension.get());
            }
        }
        return dimensions;
    }

    private static String shortened(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
