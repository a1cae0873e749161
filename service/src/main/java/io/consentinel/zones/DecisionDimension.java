package io.consentinel.zones;

/**
 * What decisions can be counted by, and the SQL that yields each key. Reason, category and action come
 * from arrays, so they need a lateral join that gives one row per element.
 */
public enum DecisionDimension {
    OUTCOME("d.outcome", Lateral.NONE),
    ZONE("d.zone", Lateral.NONE),
    JURISDICTION("d.jurisdiction", Lateral.NONE),
    APP_ID("d.app_id", Lateral.NONE),
    TYPE("d.event_type", Lateral.NONE),
    REASON("r.reason", Lateral.REASONS),
    CATEGORY("f.field ->> 'category'", Lateral.FIELDS),
    ACTION("f.field ->> 'action'", Lateral.FIELDS);

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

    final String expression;
    final Lateral lateral;

    DecisionDimension(String expression, Lateral lateral) {
        this.expression = expression;
        this.lateral = lateral;
    }
}
