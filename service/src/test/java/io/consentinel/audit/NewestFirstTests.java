package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NewestFirstTests {

    private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");

    @Test
    void storesAreMergedNewestFirstByReceiptTime() {
        Map<String, List<DecisionItem>> stores = new LinkedHashMap<>();
        stores.put("eu", List.of(item(4, 40), item(2, 20)));
        stores.put("in", List.of(item(5, 50), item(3, 30), item(1, 10)));
        assertThat(sequences(stores)).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void aStoreKeepsItsCommitOrderEvenWhenReceiptTimesDisagree() {
        // Sequence 9 committed last but was received early (a late clock): it holds back the rest of its
        // store rather than being reordered, which is what keeps a cursor per store exact.
        Map<String, List<DecisionItem>> stores = new LinkedHashMap<>();
        stores.put("eu", List.of(item(9, 5), item(8, 80), item(7, 70)));
        stores.put("in", List.of(item(3, 60), item(2, 30)));
        assertThat(sequences(stores)).containsExactly(3L, 2L, 9L, 8L, 7L);
    }

    @Test
    void equalReceiptTimesAreOrderedByStoreNameThenSequence() {
        Map<String, List<DecisionItem>> stores = new LinkedHashMap<>();
        stores.put("in", List.of(item(2, 10)));
        stores.put("eu", List.of(item(6, 10), item(5, 10)));
        assertThat(sequences(stores)).containsExactly(6L, 5L, 2L);
    }

    private static List<Long> sequences(Map<String, List<DecisionItem>> stores) {
        List<Long> merged = new ArrayList<>();
        new NewestFirst(NewestFirst.of(stores))
                .forEachRemaining(s -> merged.add(s.item().sequence()));
        return merged;
    }

    private static DecisionItem item(long sequence, int receivedSecond) {
        Instant received = T0.plusSeconds(receivedSecond);
        return new DecisionItem(
                UUID.randomUUID(),
                "accepted",
                "in",
                "v1",
                List.of(),
                List.of(),
                "s",
                "ps:k1:s",
                "a",
                "t",
                "IN",
                received,
                received,
                List.of(),
                sequence);
    }
}
