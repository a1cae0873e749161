package io.consentinel.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Merges the stores' decisions, each already in commit order (sequence descending), into one stream that
 * is newest first by receipt time. Only the stores' heads are compared, so each store's own order is kept
 * (which is what makes per-store cursors exact) and memory is one item per store.
 */
final class NewestFirst implements Iterator<NewestFirst.Sourced> {

    /** An item and the store it came from. */
    record Sourced(String store, DecisionItem item) {}

    private static final Comparator<Head> ORDER = Comparator.comparing(
                    (Head h) -> h.item.receivedAt(), Comparator.reverseOrder())
            .thenComparing(h -> h.store)
            .thenComparing(h -> h.item.sequence(), Comparator.reverseOrder());

    private final PriorityQueue<Head> heads = new PriorityQueue<>(ORDER);

    /** @param sources per store name, its items in descending sequence */
    NewestFirst(List<Source> sources) {
        sources.forEach(this::offerNext);
    }

    /** One store's items in descending sequence. */
    record Source(String store, Iterator<DecisionItem> items) {}

    static List<Source> of(Map<String, List<DecisionItem>> byStore) {
        List<Source> sources = new ArrayList<>();
        byStore.forEach((store, items) -> sources.add(new Source(store, items.iterator())));
        return sources;
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public Sourced next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        offerNext(head.source);
        return new Sourced(head.store, head.item);
    }

    private void offerNext(Source source) {
        if (source.items().hasNext()) {
            heads.add(new Head(source.store(), source.items().next(), source));
        }
    }

    private record Head(String store, DecisionItem item, Source source) {}
}
