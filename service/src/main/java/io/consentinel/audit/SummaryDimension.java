package io.consentinel.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a summary can be grouped by, and the SQL that yields it. Reason, category and action come from
 * arrays, so they need a lateral join that gives one row per element.
 */
enum SummaryDimension {
    OUTCOME("outcome", "d.outcome", Lateral.NONE),
    ZONE("zone", "d.zone", Lateral.NONE),
    JURISDICTION("jurisdiction", "d.jurisdiction", Lateral.NONE),
    APP_ID("appId", "d.app_id", Lateral.NONE),
    TYPE("type", "d.event_type", Lateral.NONE),
    REASON("reason", "r.reason", Lateral.REASONS),
    CATEGORY("category", "f.field ->> 'category'", Lateral.FIELDS),
    ACTION("action", "f.field ->> 'action'", Lateral.FIELDS);

    /**
     * A left join, so a decision without reasons or fields (an accepted one) still counts, under null.
     * Category and action share one join: grouped together, they describe the same field.
     */
    enum Lateral {
        NONE(""),
        REASONS(" left join lateral unnest(d.reasons) as r(reason) on true"),
        FIELDS(" left join lateral jsonb_array_elements(d.fields) as f(field) on true");

        final String join;

        Lateral(String join) {
            this.join = join;
        }
    }

    final String wireName;
    final String expression;
    final Lateral lateral;

    SummaryDimension(String wireName, String expression, Lateral lateral) {
        this.wireName = wireName;
        this.expression = expression;
        this.lateral = lateral;
    }

    static Optional<SummaryDimension> fromWire(String name) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(name)).findFirst();
    }

    static String wireNames() {
        return String.join(", ", Arrays.stream(values()).map(d -> d.wireName).toList());
    }
}
