package io.consentinel.zones;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ObjLongConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit's reads of a store's decisions: pages below a bound, lookups by event id, counts, and streamed
 * exports. Every statement stays here, with the indexes it was tuned for; callers name what they want.
 */
@Component
public class DecisionQueries {

    private static final DecisionRows ROWS = new DecisionRows();

    /**
     * Up to {@code limit} matching decisions with a sequence below {@code before}, newest sequence first.
     */
    public List<DecisionRecord> below(ZoneStore store, DecisionCriteria criteria, long before, int limit) {
        DecisionCriteria.Sql query = pageQuery(store.jdbc(), criteria, before, limit);
        return store.jdbc()
                .sql("select " + DecisionRows.COLUMNS + " from decisions " + query.text())
                .params(query.params())
                .query(ROWS)
                .list();
    }

    /** What follows {@code from decisions} in a page's statement: a walk down the key, within the receipt bounds. */
    static DecisionCriteria.Sql pageQuery(JdbcClient jdbc, DecisionCriteria criteria, long before, int limit) {
        return ReceiptRanges.where(jdbc, criteria)
                .and("sequence < ?", before)
                .append(" order by sequence desc limit ?", limit);
    }

    /** Served by the unique constraint on (event_id, app_id) (zone V8). Package-private for the plan's test. */
    static final String BY_EVENT_ID = "select " + DecisionRows.COLUMNS + " from decisions where event_id = ?";

    /** The decisions of this event id (and app, when not null): at most two, enough to see a conflict. */
    public List<DecisionRecord> byEventId(ZoneStore store, UUID eventId, String appId) {
        String sql = BY_EVENT_ID + (appId == null ? "" : " and app_id = ?") + " limit 2";
        Object[] params = appId == null ? new Object[] {eventId} : new Object[] {eventId, appId};
        return store.jdbc().sql(sql).params(params).query(ROWS).list();
    }

    /** The stored (already anonymised) attributes of a decision's event as JSON text, empty when none are stored. */
    public Optional<String> storedAttributes(ZoneStore store, long sequence) {
        return store.jdbc()
                .sql("select attributes::text from events where sequence = ?")
                .param(sequence)
                .query(String.class)
                .optional();
    }

    /** How many decisions match. */
    public long count(ZoneStore store, DecisionCriteria criteria) {
        DecisionCriteria.Sql where = ReceiptRanges.where(store.jdbc(), criteria);
        return store.jdbc()
                .sql("select count(*) from decisions " + where.text())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /**
     * Counts matching decisions per key of {@code groupBy} with GROUP BY, so only the groups travel. A key
     * is one value per dimension, in order (null for a decision without reasons or fields).
     */
    public void countGroups(
            ZoneStore store,
            DecisionCriteria criteria,
            List<DecisionDimension> groupBy,
            ObjLongConsumer<List<String>> group) {
        DecisionCriteria.Sql where = ReceiptRanges.where(store.jdbc(), criteria);
        store.jdbc().sql(groupQuery(groupBy, where)).params(where.params()).query(rs -> {
            String[] key = new String[groupBy.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = rs.getString(i + 1);
            }
            group.accept(Arrays.asList(key), rs.getLong(key.length + 1));
        });
    }

    /** Every matching decision, newest sequence first, in constant memory; the caller closes it. */
    public DecisionCursor open(ZoneStore store, DecisionCriteria criteria) {
        return DecisionCursor.open(store, criteria);
    }

    private static String groupQuery(List<DecisionDimension> groupBy, DecisionCriteria.Sql where) {
        Set<DecisionDimension.Lateral> joins = EnumSet.noneOf(DecisionDimension.Lateral.class);
        List<String> keys = new ArrayList<>();
        for (DecisionDimension dimension : groupBy) {
            joins.add(dimension.lateral);
            keys.add(dimension.expression);
        }
        StringBuilder sql = new StringBuilder("select ").append(String.join(", ", keys));
        // With a lateral join a decision can yield several rows per group (two fields of one category).
        boolean oneRowPerDecision = joins.equals(EnumSet.of(DecisionDimension.Lateral.NONE));
        sql.append(oneRowPerDecision ? ", count(*)" : ", count(distinct d.sequence)");
        sql.append(" from decisions d");
        joins.forEach(join -> sql.append(join.join));
        sql.append(' ').append(where.text()).append(" group by ");
        for (int i = 1; i <= keys.size(); i++) {
            sql.append(i == 1 ? "" : ", ").append(i);
        }
        return sql.toString();
    }
}
