package io.consentinel;

import static io.consentinel.support.Telemetry.assertDecidedWithFullConsent;
import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.ChainCheck;
import io.consentinel.support.IntegrationTest;
import io.consentinel.support.TestStores;
import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A second replica on the same databases: nothing may rely on being the only node. */
class TwoNodesTests extends IntegrationTest {

    static ConfigurableApplicationContext second;
    static Api nodeB;

    @Autowired
    ZoneStores stores;

    @Autowired
    JdbcClient control;

    @BeforeAll
    static void startSecondNode() {
        // Command-line arguments outrank application.properties, exactly as a real replica's environment would.
        List<String> args = new ArrayList<>();
        TestStores.properties().forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        args.add("--management.server.port=0");
        second = new SpringApplicationBuilder(Consentinel.class).run(args.toArray(String[]::new));
        nodeB = TestStores.api(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
    }

    @AfterAll
    static void stopSecondNode() {
        second.close();
    }

    @Test
    void keyRevokedOnOneNodeFailsOnTheOtherAtOnce() {
        Reply created = api().post("/v1/api-keys", "{\"role\":\"officer\",\"name\":\"two-nodes\"}");
        String key = created.json().get("key").asString();
        assertThat(nodeB.as(key).get("/v1/policy").status()).isEqualTo(200);

        api().delete("/v1/api-keys/" + created.json().get("id").asString());

        assertThat(nodeB.as(key).get("/v1/policy").status()).isEqualTo(401);
    }

    @Test
    void appKeyRevokedOnOneNodeRefusesTheNextEventOnTheOtherAndNothingOfItIsStored() {
        String appId = Api.unique("app");
        JsonNode created = api().post(
                        "/v1/api-keys", "{\"role\":\"app\",\"appId\":\"" + appId + "\",\"name\":\"two-nodes\"}")
                .json();
        String key = created.get("key").asString();
        String subject = Api.unique("u");
        // Node B has recognised, and cached, the key.
        assertThat(nodeB.as(key).post("/v1/events", pageView(appId, subject)).status())
                .isEqualTo(200);

        api().delete("/v1/api-keys/" + created.get("id").asString());

        Reply refused = nodeB.as(key).post("/v1/events", pageView(appId, subject));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(refused.json().get("detail").asString()).isEqualTo("The API key is unknown or revoked");
        assertThat(storedEventsOf(appId)).isEqualTo(1);
    }

    @Test
    void policyActivatedOnOneNodeDecidesTheNextEventOnTheOtherWithNothingInBetween() {
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        // Node B has decided an event, so it holds the active policy in memory.
        String active = nodeB.as(key)
                .post("/v1/events", pageView(appId, Api.unique("u")))
                .json()
                .get("policyVersion")
                .asString();
        ObjectNode policy = (ObjectNode) api().get("/v1/policy").json();
        assertThat(policy.get("version").asString()).isEqualTo(active);
        policy.remove("activatedAt");
        String version = Api.unique("two-nodes");
        policy.put("version", version);

        assertThat(api().put("/v1/policy", policy).status()).isEqualTo(201);

        Reply decided = nodeB.as(key).post("/v1/events", pageView(appId, Api.unique("u")));
        assertThat(decided.json().get("policyVersion").asString()).isEqualTo(version);
    }

    @Test
    void consentRecordedOnOneNodeAppliesToTheNextEventOnTheOther() {
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        String subject = Api.unique("u");
        nodeB.as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "denied"));
        assertThat(nodeB.as(key)
                        .post("/v1/events", pageView(appId, subject))
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("rejected");

        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));

        assertThat(nodeB.as(key)
                        .post("/v1/events", pageView(appId, subject))
                        .json()
                        .get("outcome")
                        .asString())
                .isEqualTo("anonymised"); // only the device id, minimised
    }

    @Test
    void consentWithdrawnOnOneNodeStopsTheNextEventOnTheOther() {
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        // Node B decides, so it has read and cached the granted consent.
        assertDecidedWithFullConsent(
                nodeB.as(key).post("/v1/events", pageView(appId, subject)).json());

        assertThat(api().as(key)
                        .post("/v1/subjects/" + subject + "/consents", consent("IN", "denied"))
                        .status())
                .isEqualTo(201);

        Reply next = nodeB.as(key).post("/v1/events", pageView(appId, subject));
        assertThat(next.json().get("outcome").asString()).isEqualTo("rejected");
        assertThat(next.json().get("reasons").toString()).contains("CONSENT_WITHDRAWN");
    }

    @Test
    void underConcurrentAppendsOnBothNodesEveryWithdrawalAppliesToTheNextEventOnEitherNode() throws Exception {
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        int subjects = 16;
        long recordsBefore = consentRecords();
        try (ExecutorService pool = Executors.newFixedThreadPool(subjects)) {
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < subjects; s++) {
                int n = s;
                done.add(pool.submit(() -> {
                    String subject = Api.unique("u");
                    for (int round = 0; round < 4; round++) {
                        // Appends land on one node, the subject's next event on the other, and which is which
                        // alternates; every other subject is appending on both nodes meanwhile.
                        Api appends = ((n + round) % 2 == 0 ? api() : nodeB).as(key);
                        Api events = ((n + round) % 2 == 0 ? nodeB : api()).as(key);
                        assertThat(appends.post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                                        .status())
                                .isEqualTo(201);
                        assertDecidedWithFullConsent(events.post("/v1/events", pageView(appId, subject))
                                .json());
                        assertThat(appends.post("/v1/subjects/" + subject + "/consents", consent("IN", "denied"))
                                        .status())
                                .isEqualTo(201);
                        Reply next = events.post("/v1/events", pageView(appId, subject));
                        assertThat(next.json().get("outcome").asString()).isEqualTo("rejected");
                        assertThat(next.json().get("reasons").toString()).contains("CONSENT_WITHDRAWN");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        // Both nodes' appenders extended one consent log; a checkpoint covers every record, and it verifies.
        String checkpoint = nodeB.get("/v1/audit/log/checkpoint?zone=consent").body();
        assertThat(Long.parseLong(checkpoint.split("\n")[1])).isEqualTo(consentRecords());
        assertThat(consentRecords() - recordsBefore).isEqualTo(subjects * 4 * 2);
        JsonNode integrity = api().get("/v1/audit/integrity?zone=consent").json();
        assertThat(integrity.get("valid").asBoolean()).as(integrity.toString()).isTrue();
    }

    private long storedEventsOf(String appId) {
        return stores.all().stream()
                .mapToLong(store -> store.jdbc()
                        .sql("select count(*) from decisions where app_id = ?")
                        .param(appId)
                        .query(Long.class)
                        .single())
                .sum();
    }

    private long consentRecords() {
        return control.sql("select count(*) from consent_records")
                .query(Long.class)
                .single();
    }

    @Test
    void policyActivatedOnOneNodeDecidesTheNextEventOnTheOther() {
        ObjectNode policy = (ObjectNode) api().get("/v1/policy").json();
        policy.remove("activatedAt");
        String active = policy.get("version").asString();
        String version = Api.unique("two-nodes");
        policy.put("version", version);
        // Node B has read, and cached, the policy active until now.
        assertThat(nodeB.get("/v1/policy").json().get("version").asString()).isEqualTo(active);

        assertThat(api().put("/v1/policy", policy).status()).isEqualTo(201);

        assertThat(nodeB.get("/v1/policy").json().get("version").asString()).isEqualTo(version);
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        Reply decided = nodeB.as(key).post("/v1/events", pageView(appId, Api.unique("u")));
        assertThat(decided.json().get("policyVersion").asString()).isEqualTo(version);
    }

    @Test
    void concurrentWritesFromBothNodesKeepEveryChainValidAndEventsUnique() throws Exception {
        String appId = Api.unique("app");
        String key = api().issueKey("app", appId);
        String subject = Api.unique("u");
        api().as(key).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(pageView(appId, subject));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Reply>> replies = new ArrayList<>();
            for (Map<String, Object> event : events) {
                // Every event goes to both nodes at once: a retry racing through another replica.
                replies.add(pool.submit(() -> api().as(key).post("/v1/events", event)));
                replies.add(pool.submit(() -> nodeB.as(key).post("/v1/events", event)));
            }
            for (Future<Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        }
        ZoneStore in = stores.byName("in").orElseThrow();
        long stored = in.jdbc()
                .sql("select count(*) from events where app_id = ?")
                .param(appId)
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(events.size());
        for (ZoneStore store : stores.all()) {
            ChainCheck.verify(store);
        }
    }
}
