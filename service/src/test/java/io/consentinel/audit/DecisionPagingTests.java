package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecisionPagingTests extends AuditTest {

    private static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    private static final String[] STORES = {"in", "eu", "control"};

    @Test
    void limitDefaultsTo100() {
        String app = unique("default-limit");
        decisions().append("in", drafts(app, "in", 101, T0));
        Reply reply = officer().get("/v1/audit/decisions?appId=" + app);
        assertThat(reply.json().get("items").size()).isEqualTo(100);
        assertThat(reply.json().get("nextCursor").isString()).isTrue();
    }

    @Test
    void limitMayBeFrom1To1000() {
        assertThat(officer().get("/v1/audit/decisions?limit=1").status()).isEqualTo(200);
        assertThat(officer().get("/v1/audit/decisions?limit=1000").status()).isEqualTo(200);
        for (String limit : new String[] {"0", "1001", "-1", "ten"}) {
            Reply reply = officer().get("/v1/audit/decisions?limit=" + limit);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/limit");
        }
    }

    @Test
    void cursorsWalkEveryStoreWithoutRepeatsOrSkipsAndEndWithNull() {
        String app = unique("walk");
        List<DecisionRecord> written = interleaved(app, 10, STORES);
        List<String> paged = pageAll(app, 4, () -> {});
        assertThat(paged).containsExactlyElementsOf(newestFirst(written));
    }

    @Test
    void pagingIsUnaffectedByDecisionsWrittenMeanwhile() {
        String app = unique("busy");
        List<DecisionRecord> existing = new ArrayList<>(interleaved(app, 20, "in", "eu"));
        // A store with only older decisions contributes nothing to the first pages: its bound comes from
        // its chain head when paging begins, which must keep the newer writes below out too.
        existing.addAll(decisions().append("control", drafts(app, "control", 5, T0.minusSeconds(3600))));
        AtomicInteger writtenMeanwhile = new AtomicInteger();
        AtomicInteger pages = new AtomicInteger();
        // After every page, before the next is asked for, new decisions arrive in every store with receipt
        // times among the existing ones (late clocks): a cursor on receipt time alone would show or skip them.
        // Written between the requests rather than by a racing thread, so every gap gets its writes.
        List<String> paged = pageAll(app, 7, () -> {
            pages.incrementAndGet();
            for (String store : STORES) {
                Instant among = T0.plusMillis(ThreadLocalRandom.current().nextLong(60 * 1000));
                decisions().append(store, draft(app, store, among));
                writtenMeanwhile.incrementAndGet();
            }
        });

        assertThat(paged).doesNotHaveDuplicates().containsExactlyElementsOf(newestFirst(existing));
        assertThat(pages.get()).isEqualTo(7); // 45 decisions, 7 a page
        assertThat(writtenMeanwhile.get()).isEqualTo(3 * pages.get());
        Reply fresh = officer().get("/v1/audit/decisions?limit=1000&appId=" + app);
        assertThat(fresh.json().get("items").size()).isEqualTo(existing.size() + writtenMeanwhile.get());
    }

    @Test
    void cursorsNotIssuedByTheApiAreRejected() {
        String unknownStore = Base64.getUrlEncoder().encodeToString("{\"mars\":5}".getBytes(StandardCharsets.UTF_8));
        String negative = Base64.getUrlEncoder().encodeToString("{\"in\":-5}".getBytes(StandardCharsets.UTF_8));
        String notAnObject = Base64.getUrlEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8));
        for (String cursor : new String[] {"not*base64", unknownStore, negative, notAnObject, "x".repeat(5000)}) {
            Reply reply = officer().get("/v1/audit/decisions?cursor=" + cursor);
            assertThat(reply.status()).as(cursor).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/cursor");
        }
    }

    /**
     * {@code perStore} decisions in each store, with receipt times interleaved across the stores and, within
     * a store, in commit order: then newest first by receipt time is also each store's sequence order.
     */
    private List<DecisionRecord> interleaved(String app, int perStore, String... stores) {
        List<DecisionRecord> written = new ArrayList<>();
        for (int s = 0; s < stores.length; s++) {
            List<DecisionDraft> drafts = new ArrayList<>();
            for (int i = 0; i < perStore; i++) {
                drafts.add(draft(app, stores[s], T0.plusSeconds(i * stores.length + s)));
            }
            written.addAll(decisions().append(stores[s], drafts));
        }
        return written;
    }

    private static List<DecisionDraft> drafts(String app, String store, int count, Instant from) {
        List<DecisionDraft> drafts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drafts.add(draft(app, store, from.plusSeconds(i)));
        }
        return drafts;
    }

    private static DecisionDraft draft(String app, String store, Instant receivedAt) {
        boolean residency = !store.equals("control");
        return DecisionDraft.of(app, "subject-" + app)
                .zone(residency ? store : null)
                .jurisdiction(residency ? "IN" : null)
                .receivedAt(receivedAt);
    }

    private List<String> pageAll(String app, int limit, Runnable betweenPages) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Reply reply = officer()
                    .get("/v1/audit/decisions?appId=" + app + "&limit=" + limit
                            + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("items").size()).isLessThanOrEqualTo(limit);
            seen.addAll(texts(reply.json().get("items"), "eventId"));
            cursor = reply.json().get("nextCursor").isNull()
                    ? null
                    : reply.json().get("nextCursor").asString();
            betweenPages.run();
        } while (cursor != null);
        return seen;
    }

    private static List<String> newestFirst(List<DecisionRecord> records) {
        return records.stream()
                .sorted(Comparator.comparing(DecisionRecord::receivedAt).reversed())
                .map(r -> r.eventId().toString())
                .toList();
    }
}
