package io.consentinel.audit;

import io.consentinel.zones.DecisionDimension;
import java.util.Arrays;
import java.util.Optional;

/** What a summary can be grouped by, by its name on the wire; the stores know how to count by it. */
enum SummaryDimension {
    OUTCOME("outcome", DecisionDimension.OUTCOME),
    ZONE("zone", DecisionDimension.ZONE),
    JURISDICTION("jurisdiction", DecisionDimension.JURISDICTION),
    APP_ID("appId", DecisionDimension.APP_ID),
    TYPE("type", DecisionDimension.TYPE),
    REASON("reason", DecisionDimension.REASON),
    CATEGORY("category", DecisionDimension.CATEGORY),
    ACTION("action", DecisionDimension.ACTION);

    final String wireName;
    final DecisionDimension dimension;

    SummaryDimension(String wireName, DecisionDimension dimension) {
        this.wireName = wireName;
        this.dimension = dimension;
    }

    static Optional<SummaryDimension> fromWire(String name) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(d -> d.wireName).toList());
    }
}
