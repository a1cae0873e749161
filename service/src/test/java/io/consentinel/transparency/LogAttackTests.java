package io.consentinel.transparency;

import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.OwnDeployment;
import io.consentinel.verifier.Verify;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The log attacked by the party that runs its databases, through SQL, each time on a deployment of its
 * own. An outsider who kept an earlier checkpoint catches every attack with {@code verify watch} or
 * {@code verify audit}, though the service's own integrity check is made to pass.
 */
class LogAttackTests {

    @TempDir
    Path state;

    @Test
    void anEditedDecisionRowIsCaughtByAudit() {
        try (OwnDeployment deployment = new OwnDeployment("atk_edit")) {
            Outsider outsider = outsider(deployment);
            write(deployment, 6);
            assertThat(outsider.watch().status()).isEqualTo(Verify.OK);

            deployment
                    .zone()
                    .sql("update decisions set outcome = 'accepted', reasons = '{}' where sequence = 3")
                    .update();

            Outsider.Run audit = outsider.audit();
            assertThat(audit.status()).as(audit.output()).isEqualTo(Verify.CAUGHT);
            assertThat(audit.output()).contains("do not hash to the");
            JsonNode integrity =
                    officer(deployment).get("/v1/audit/integrity?zone=in").json();
            assertThat(integrity.get("valid").asBoolean()).isFalse();
            assertThat(integrity.get("log").get("signing").asBoolean()).isFalse();
        }
    }

    @Test
    void theServiceStopsSigningALogWhoseRowsNoLongerExtendItAndResumesOnceTheyDo() {
        try (OwnDeployment deployment = new OwnDeployment("atk_halt")) {
            write(deployment, 4);
            assertThat(officer(deployment)
                            .get("/v1/audit/log/checkpoint?zone=in")
                            .status())
                    .isEqualTo(200);
            String outcome = deployment
                    .zone()
                    .sql("select outcome from decisions where sequence = 2")
                    .query(String.class)
                    .single();

            deployment
                    .zone()
                    .sql("update decisions set outcome = 'accepted' where sequence = 2")
                    .update();
            assertThat(officer(deployment)
                            .get("/v1/audit/integrity?zone=in")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isFalse();
            write(deployment, 1);
            Api.Reply refused = officer(deployment).get("/v1/audit/log/checkpoint?zone=in");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asString()).endsWith("/log-signing-halted");
            JsonNode health = deployment.management().get("/actuator/health").json();
            assertThat(health.get("components")
                            .get("transparency")
                            .get("components")
                            .get("in")
                            .get("status")
                            .asString())
                    .isEqualTo("OUT_OF_SERVICE");

            deployment
                    .zone()
                    .sql("update decisions set outcome = ? where sequence = 2")
                    .param(outcome)
                    .update();
            assertThat(officer(deployment)
                            .get("/v1/audit/log/checkpoint?zone=in")
                            .status())
                    .isEqualTo(200);
            assertThat(officer(deployment)
                            .get("/v1/audit/integrity?zone=in")
                            .json()
                            .get("log")
                            .get("signing")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aRunningNodeRefusesToSignAfterItsLogTablesAreRewound() {
        try (OwnDeployment deployment = new OwnDeployment("atk_memory")) {
            write(deployment, 4);
            assertThat(officer(deployment)
                            .get("/v1/audit/log/checkpoint?zone=in")
                            .status())
                    .isEqualTo(200);
            deployment.rewindZoneTo(2);
            write(deployment, 3);
            assertThat(officer(deployment)
                            .get("/v1/audit/log/checkpoint?zone=in")
                            .status())
                    .isEqualTo(409);
        }
    }

    @Test
    void deletingTheNewestRowsAndRewindingEverythingIsCaughtByWatch() {
        try (OwnDeployment deployment = new OwnDeployment("atk_rewind")) {
            Outsider outsider = outsider(deployment);
            write(deployment, 5);
            assertThat(outsider.watch().status()).isEqualTo(Verify.OK);
            write(deployment, 3);
            Outsider.Run kept = outsider.watch();
            assertThat(kept.status()).as(kept.output()).isEqualTo(Verify.OK);

            deployment.rewindZoneTo(5);
            deployment.restart();
            write(deployment, 3);

            Outsider.Run watch = outsider(deployment).watch();
            assertThat(watch.status()).as(watch.output()).isEqualTo(Verify.CAUGHT);
            assertThat(watch.output()).contains("fork");
            // The service's own check was rewound with everything else, and says nothing.
            assertThat(officer(deployment)
                            .get("/v1/audit/integrity?zone=in")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Test
    void aRowRewrittenWithEveryStoredHashRecomputedIsCaughtByWatchAndAudit() {
        try (OwnDeployment deployment = new OwnDeployment("atk_rehash")) {
            Outsider outsider = outsider(deployment);
            write(deployment, 7);
            assertThat(outsider.watch().status()).isEqualTo(Verify.OK);

            deployment
                    .zone()
                    .sql("update decisions set outcome = 'accepted', reasons = '{}' where sequence = 4")
                    .update();
            // Every hash the database holds is the log's: its nodes, head and signed checkpoints go, and the
            // service rebuilds the tree from the rewritten rows when it starts (its back-fill), then signs it
            // afresh.
            deployment.zone().sql("delete from log_node_blocks").update();
            deployment.zone().sql("delete from log_checkpoints").update();
            deployment
                    .zone()
                    .sql("update chain_head set tree_size = 0, tree_frontier = '\\x'::bytea")
                    .update();
            deployment.restart();

            assertThat(officer(deployment)
                            .get("/v1/audit/integrity?zone=in")
                            .json()
                            .get("valid")
                            .asBoolean())
                    .isTrue();
            Outsider restarted = outsider(deployment);
            Outsider.Run audit = restarted.audit();
            assertThat(audit.status()).as(audit.output()).isEqualTo(Verify.CAUGHT);
            Outsider.Run watch = restarted.watch();
            assertThat(watch.status()).as(watch.output()).isEqualTo(Verify.CAUGHT);
            assertThat(watch.output()).contains("fork");
        }
    }

    private Outsider outsider(OwnDeployment deployment) {
        Api officer = officer(deployment);
        String key = officer.get("/v1/audit/log/key?zone=in")
                .json()
                .get("verifierKey")
                .asString();
        return new Outsider(officer.base(), officerKey, "in", key, state);
    }

    private String officerKey;

    private Api officer(OwnDeployment deployment) {
        if (officerKey == null) {
            officerKey = deployment.api().issueKey("officer", null);
        }
        return deployment.api().as(officerKey);
    }

    private static void write(OwnDeployment deployment, int events) {
        String app = Api.unique("attacked");
        Api appApi = deployment.api().as(deployment.api().issueKey("app", app));
        for (int i = 0; i < events; i++) {
            assertThat(appApi.post("/v1/events", with(pageView(app, Api.unique("s")), "jurisdiction", "IN"))
                            .status())
                    .isEqualTo(200);
        }
    }
}
