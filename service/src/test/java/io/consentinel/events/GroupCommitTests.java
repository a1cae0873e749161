package io.consentinel.events;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.ChainCheck;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class GroupCommitTests extends IntegrationTest {

    @Autowired
    ZoneStores stores;

    String appId;
    Api app;

    @BeforeEach
    void app() {
        appId = Api.unique("app");
        app = api().as(api().issueKey("app", appId));
    }

    @Test
    void twentyConcurrentIdenticalPostsStoreExactlyOneRow() throws Exception {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        Map<String, Object> event = pageView(appId, subject);

        List<Reply> replies = concurrently(20, () -> app.post("/v1/events", event));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(replies.stream()
                        .filter(r -> !r.json().get("duplicate").asBoolean())
                        .count())
                .isEqualTo(1);
        assertThat(replies.stream().map(r -> r.json().get("outcome").asString()).distinct())
                .containsExactly("anonymised");
        ZoneStore in = stores.byName("in").orElseThrow();
        assertThat(count(in, "decisions", event)).isEqualTo(1);
        assertThat(count(in, "events", event)).isEqualTo(1);
    }

    @Test
    void chainVerifiesAfterConcurrentLoadFromManyThreads() throws Exception {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));

        List<Reply> replies = concurrently(32, () -> {
            if (Math.random() < 0.5) {
                return app.post("/v1/events", pageView(appId, subject));
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                batch.add(pageView(appId, Math.random() < 0.5 ? subject : Api.unique("unknown")));
            }
            return app.post("/v1/events/batch", Map.of("events", batch));
        });

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        for (ZoneStore store : stores.all()) {
            ChainCheck.verify(store);
        }
    }

    @Test
    void storeFailingInTheMiddleOfABatchLeavesNothingHalfWritten() {
        String subject = Api.unique("u");
        app.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(pageView(appId, subject));
        }
        ZoneStore in = stores.byName("in").orElseThrow();
        String poison = (String) batch.get(2).get("eventId");
        in.jdbc().sql("""
                create or replace function fail_poisoned() returns trigger language plpgsql as $$
                begin
                  if new.event_id = '%s'::uuid then raise exception 'simulated store failure'; end if;
                  return new;
                end $$""".formatted(poison)).update();
        in.jdbc()
                .sql(
                        "create trigger fail_poisoned before insert on events for each row execute function fail_poisoned()")
                .update();
        try {
            Reply failed = app.post("/v1/events/batch", Map.of("events", batch));

            assertThat(failed.status()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Retry-After")).isPresent();
            assertThat(failed.contentType()).startsWith("application/problem+json");
            for (Map<String, Object> event : batch) {
                assertThat(count(in, "decisions", event)).isZero();
                assertThat(count(in, "events", event)).isZero();
            }
        } finally {
            in.jdbc().sql("drop trigger fail_poisoned on events").update();
        }
        Reply retried = app.post("/v1/events/batch", Map.of("events", batch));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json()
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("duplicate").asBoolean()))
                .containsOnly(false);
        ChainCheck.verify(in);
    }

    private static long count(ZoneStore store, String table, Map<String, Object> event) {
        return store.jdbc()
                .sql("select count(*) from " + table + " where app_id = ? and event_id = ?::uuid")
                .params(event.get("appId"), event.get("eventId"))
                .query(Long.class)
                .single();
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
