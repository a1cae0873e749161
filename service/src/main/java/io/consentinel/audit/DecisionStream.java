package io.consentinel.audit;

import io.consentinel.web.StoreUnavailableException;
import io.consentinel.zones.DecisionCriteria;
import io.consentinel.zones.DecisionQueries;
import io.consentinel.zones.StoreUnavailable;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Opens every matching decision of every store as one newest-first stream, for exports with no cap. */
@Component
class DecisionStream {

    private final ZoneStores stores;
    private final DecisionItems rows;
    private final DecisionQueries queries;

    DecisionStream(ZoneStores stores, DecisionItems rows, DecisionQueries queries) {
        this.stores = stores;
        this.rows = rows;
        this.queries = queries;
    }

    /** Open cursors over the stores; the caller must close them. */
    static final class Open implements AutoCloseable {
        private final List<StoreCursor> cursors;
        private final NewestFirst merged;

        private Open(List<StoreCursor> cursors) {
            this.cursors = cursors;
            this.merged = new NewestFirst(cursors.stream()
                    .map(cursor -> new NewestFirst.Source(cursor.store(), cursor))
                    .toList());
        }

        boolean hasNext() {
            return merged.hasNext();
        }

        DecisionItem next() {
            return merged.next().item();
        }

        @Override
        public void close() {
            cursors.forEach(StoreCursor::close);
        }
    }

    /**
     * Opens the cursors now, on the request thread, so that an unreachable store is still a 503 problem
     * rather than a stream that breaks after its headers were sent.
     */
    Open open(DecisionFilter filter) {
        DecisionCriteria criteria = filter.criteria();
        List<StoreCursor> cursors = new ArrayList<>();
        try {
            for (ZoneStore store : filter.stores(stores)) {
                cursors.add(new StoreCursor(queries.open(store, criteria), rows));
            }
            return new Open(cursors);
        } catch (StoreUnavailable e) {
            cursors.forEach(StoreCursor::close);
            throw new StoreUnavailableException(e.getMessage(), e);
        } catch (RuntimeException e) {
            cursors.forEach(StoreCursor::close);
            throw e;
        }
    }
}
