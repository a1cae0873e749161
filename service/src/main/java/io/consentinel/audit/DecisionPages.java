package io.consentinel.audit;

import io.consentinel.zones.ChainHeads;
import io.consentinel.zones.DecisionCriteria;
import io.consentinel.zones.DecisionQueries;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pages through decisions newest first across the stores.
 *
 * <p>Each store is read in commit order below its bound from the cursor; the first page takes the bound
 * from the store's chain head, so a listing is a snapshot: decisions written while an officer pages are
 * neither shown nor able to shift what is. At most {@code limit + 1} rows are read per store.
 */
@Component
class DecisionPages {

    private final ZoneStores stores;
    private final DecisionItems rows;
    private final ChainHeads heads;
    private final DecisionQueries queries;

    DecisionPages(ZoneStores stores, DecisionItems rows, ChainHeads heads, DecisionQueries queries) {
        this.stores = stores;
        this.rows = rows;
        this.heads = heads;
        this.queries = queries;
    }

    /** One page and the cursor to the next, null when nothing is left. */
    record Page(List<DecisionItem> items, String nextCursor) {}

    Page page(DecisionFilter filter, PageCursor cursor, int limit) {
        DecisionCriteria criteria = filter.criteria();
        Map<String, Long> bounds = new LinkedHashMap<>();
        Map<String, List<DecisionItem>> fetched = new LinkedHashMap<>();
        int fetchedCount = 0;
        for (ZoneStore store : filter.stores(stores)) {
            Long bound = cursor.before(store.name());
            if (bound == null) {
                bound = heads.lastSequence(store) + 1;
            }
            bounds.put(store.name(), bound);
            List<DecisionItem> items = queries.below(store, criteria, bound, limit + 1).stream()
                    .map(rows::item)
                    .toList();
            fetched.put(store.name(), items);
            fetchedCount += items.size();
        }
        List<DecisionItem> page = new ArrayList<>(limit);
        NewestFirst merged = new NewestFirst(NewestFirst.of(fetched));
        while (page.size() < limit && merged.hasNext()) {
            NewestFirst.Sourced next = merged.next();
            page.add(next.item());
            bounds.put(next.store(), next.item().sequence());
        }
        boolean more = fetchedCount > page.size();
        return new Page(page, more ? new PageCursor(bounds).encode(rows.json()) : null);
    }
}
