package io.consentinel.transparency;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.verifier.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier officers run, against the live service: honest logs check out, erasure included. */
class VerifierAgainstServiceTests extends IntegrationTest {

    @TempDir
    Path state;

    private Outsider outsider(String log) {
        String officer = api().issueKey("officer", null);
        String key = api().as(officer)
                .get("/v1/audit/log/key?zone=" + log)
                .json()
                .get("verifierKey")
                .asString();
        return new Outsider(api().base(), officer, log, key, state);
    }

    @Test
    void watchKeepsACheckpointThenAcceptsOnlyAppends() {
        Outsider outsider = outsider("in");
        String app = Api.unique("watch");
        String appKey = api().issueKey("app", app);
        api().as(appKey).post("/v1/events", with(pageView(app, Api.unique("s")), "jurisdiction", "IN"));

        Outsider.Run first = outsider.watch();
        assertThat(first.status()).as(first.output()).isEqualTo(Verify.OK);
        assertThat(first.output()).contains("first checkpoint");
        api().as(appKey).post("/v1/events", with(pageView(app, Api.unique("s")), "jurisdiction", "IN"));
        Outsider.Run second = outsider.watch();
        assertThat(second.status()).as(second.output()).isEqualTo(Verify.OK);
        assertThat(second.output()).contains("appending only");
        Outsider.Run audit = outsider.audit();
        assertThat(audit.status()).as(audit.output()).isEqualTo(Verify.OK);
    }

    @Test
    void anErasureChangesNoLeafAndEveryLogStillVerifies() {
        String app = Api.unique("erase");
        String subject = Api.unique("subject");
        String appKey = api().issueKey("app", app);
        assertThat(api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                        .status())
                .isEqualTo(201);
        api().as(appKey).post("/v1/events", with(pageView(app, subject), "jurisdiction", "IN"));
        Outsider in = outsider("in");
        Outsider ledger = outsider("consent");
        assertThat(in.watch().status()).isEqualTo(Verify.OK);
        assertThat(ledger.watch().status()).isEqualTo(Verify.OK);

        assertThat(api().delete("/v1/subjects/" + subject).status()).isEqualTo(200);

        for (Outsider outsider : new Outsider[] {in, ledger}) {
            Outsider.Run audit = outsider.audit();
            assertThat(audit.status()).as(audit.output()).isEqualTo(Verify.OK);
            Outsider.Run watch = outsider.watch();
            assertThat(watch.status()).as(watch.output()).isEqualTo(Verify.OK);
        }
    }

    @Test
    void aReceiptSavedToAFileChecksOutOfflineAndAnEditedOneDoesNot() throws Exception {
        String subject = Api.unique("subject");
        api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        String recordId = api().firstConsentRecordId(subject);
        String receipt = api().get("/v1/subjects/" + subject + "/consents/receipts/" + recordId)
                .body();
        String key = api().get("/v1/audit/log/key?zone=consent")
                .json()
                .get("verifierKey")
                .asString();
        Path file = Files.writeString(state.resolve("receipt.json"), receipt);

        Outsider.Run ok = Outsider.receipt(file, key);
        assertThat(ok.status()).as(ok.output()).isEqualTo(Verify.OK);
        assertThat(ok.output()).contains(recordId);

        Files.writeString(file, receipt.replace("\"granted\"", "\"denied\""));
        Outsider.Run edited = Outsider.receipt(file, key);
        assertThat(edited.status()).as(edited.output()).isEqualTo(Verify.CAUGHT);
    }
}
