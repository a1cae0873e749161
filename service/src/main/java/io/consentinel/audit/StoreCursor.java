package io.consentinel.audit;

import io.consentinel.zones.DecisionCursor;
import java.util.Iterator;

/**
 * One store's matching decisions as audit items, newest sequence first, streamed by the store's
 * {@link DecisionCursor} in constant memory. Holds a pooled connection until closed.
 */
final class StoreCursor implements Iterator<DecisionItem>, AutoCloseable {

    /** Lets operators (and the streaming test) see an export's cursor in pg_stat_activity. */
    static final String MARKER = DecisionCursor.MARKER;

    private final DecisionCursor decisions;
    private final DecisionItems rows;

    StoreCursor(DecisionCursor decisions, DecisionItems rows) {
        this.decisions = decisions;
        this.rows = rows;
    }

    String store() {
        return decisions.store();
    }

    @Override
    public boolean hasNext() {
        return decisions.hasNext();
    }

    @Override
    public DecisionItem next() {
        return rows.item(decisions.next());
    }

    /** Ends the read-only transaction and returns the connection to its pool, even half-way through. */
    @Override
    public void close() {
        decisions.close();
    }
}
