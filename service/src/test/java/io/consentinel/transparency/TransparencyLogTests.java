package io.consentinel.transparency;

import static io.consentinel.support.Telemetry.consent;
import static io.consentinel.support.Telemetry.pageView;
import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import io.consentinel.transparency.tree.ProofCheck;
import io.consentinel.transparency.tree.ReferenceTree;
import io.consentinel.transparency.tree.TreeHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The log endpoints as an outsider uses them: signed notes, entries, and proofs that check out. */
class TransparencyLogTests extends IntegrationTest {

    private static String officerKey;

    @Test
    void aCheckpointIsASignedNoteOverTheEntriesServed() throws Exception {
        String app = Api.unique("log");
        String appKey = api().issueKey("app", app);
        for (int i = 0; i < 3; i++) {
            assertThat(api().as(appKey)
                            .post("/v1/events", inIndia(app, Api.unique("s")))
                            .status())
                    .isEqualTo(200);
        }
        for (String log : List.of("in", "control", "consent")) {
            SignedNotes note = checkpoint(log);
            assertThat(note.origin()).isEqualTo("consentinel.local/" + log);
            List<byte[]> leaves = leaves(log, 0, note.size());
            assertThat(ReferenceTree.mth(leaves)).as(log).isEqualTo(note.root());
        }
    }

    @Test
    void entriesCarryExactlyTheDocumentedMembersWithThePseudonym() {
        String app = Api.unique("log");
        String subject = Api.unique("subject");
        String appKey = api().issueKey("app", app);
        JsonNode result =
                api().as(appKey).post("/v1/events", inIndia(app, subject)).json();
        long size = checkpoint("in").size();
        JsonNode entries = officer()
                .get("/v1/audit/log/entries?zone=in&start=0&end=" + size)
                .json()
                .get("entries");
        JsonNode mine = null;
        for (JsonNode entry : entries) {
            if (entry.get("eventId").asString().equals(result.get("eventId").asString())) {
                mine = entry;
            }
        }
        assertThat(mine).isNotNull();
        List<String> members = new ArrayList<>();
        mine.propertyNames().forEach(members::add);
        assertThat(members)
                .containsExactlyInAnyOrder(
                        "v",
                        "sequence",
                        "eventId",
                        "appId",
                        "subjectRef",
                        "type",
                        "jurisdiction",
                        "zone",
                        "outcome",
                        "reasons",
                        "fields",
                        "consentRecordIds",
                        "policyVersion",
                        "occurredAt",
                        "receivedAt");
        assertThat(mine.get("subjectRef").asString()).startsWith("ps:").isNotEqualTo(subject);
        assertThat(mine.toString()).doesNotContain(subject);
        JsonNode item = officer()
                .get("/v1/audit/decisions/" + result.get("eventId").asString())
                .json();
        assertThat(mine.get("receivedAt").asString())
                .isEqualTo(item.get("receivedAt").asString());
        assertThat(mine.get("occurredAt").asString())
                .isEqualTo(item.get("occurredAt").asString());
        assertThat(item.get("subjectRef").asString())
                .isEqualTo(mine.get("subjectRef").asString());
    }

    @Test
    void inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() throws Exception {
        String app = Api.unique("log");
        String appKey = api().issueKey("app", app);
        assertThat(api().as(appKey)
                        .post("/v1/events", inIndia(app, Api.unique("s")))
                        .status())
                .isEqualTo(200);
        SignedNotes first = checkpoint("in");
        for (int i = 0; i < 5; i++) {
            api().as(appKey).post("/v1/events", inIndia(app, Api.unique("s")));
        }
        SignedNotes second = checkpoint("in");
        assertThat(second.size()).isGreaterThan(first.size());

        JsonNode consistency = officer()
                .get("/v1/audit/log/proof/consistency?zone=in&from=" + first.size() + "&to=" + second.size())
                .json();
        assertThat(ProofCheck.consistency(
                        first.size(), second.size(), hashes(consistency), first.root(), second.root()))
                .isTrue();

        for (long sequence = 1; sequence <= second.size(); sequence += Math.max(1, second.size() / 7)) {
            JsonNode inclusion = officer()
                    .get("/v1/audit/log/proof/inclusion?zone=in&sequence=" + sequence + "&treeSize=" + second.size())
                    .json();
            assertThat(inclusion.get("leafIndex").asLong()).isEqualTo(sequence - 1);
            byte[] leaf = TreeHashes.leaf(canonical(inclusion.get("entry")));
            assertThat(ProofCheck.inclusion(sequence - 1, second.size(), leaf, hashes(inclusion), second.root()))
                    .as("sequence %d", sequence)
                    .isTrue();
        }
    }

    @Test
    void aConsentReceiptProvesTheRecordOffline() throws Exception {
        String subject = Api.unique("subject");
        Reply appended = api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        assertThat(appended.status()).isEqualTo(201);
        String recordId = api().firstConsentRecordId(subject);

        Reply reply = officer().get("/v1/subjects/" + subject + "/consents/receipts/" + recordId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode receipt = reply.json();
        SignedNotes note = SignedNotes.verify(
                receipt.get("checkpoint").asString(), receipt.get("verifierKey").asString());
        assertThat(note.origin()).isEqualTo("consentinel.local/consent");
        JsonNode entry = receipt.get("entry");
        assertThat(entry.get("recordId").asString()).isEqualTo(recordId);
        assertThat(entry.get("appId").isNull()).isTrue();
        assertThat(entry.get("imported").asBoolean()).isFalse();
        assertThat(entry.get("purposes").get("analytics").asString()).isEqualTo("granted");
        assertThat(entry.toString()).doesNotContain(subject);
        assertThat(ProofCheck.inclusion(
                        receipt.get("leafIndex").asLong(),
                        note.size(),
                        TreeHashes.leaf(canonical(entry)),
                        hashes(receipt),
                        note.root()))
                .isTrue();

        JsonNode byRecord = officer()
                .get("/v1/audit/log/proof/inclusion?zone=consent&recordId=" + recordId)
                .json();
        assertThat(byRecord.get("leafIndex").asLong())
                .isEqualTo(receipt.get("leafIndex").asLong());
    }

    @Test
    void aCollectorGetsTheReceiptOfAnyScopesRecord() {
        String subject = Api.unique("subject");
        String appKey = api().issueKey("app", Api.unique("app"));
        api().as(appKey).post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        String recordId = api().firstConsentRecordId(subject);

        Reply receipt = api().as(api().issueKey("collector", null))
                .get("/v1/subjects/" + subject + "/consents/receipts/" + recordId);

        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.json().get("entry").get("recordId").asString()).isEqualTo(recordId);
    }

    @Test
    void anotherAppCannotSeeAnAppScopedReceipt() {
        String app = Api.unique("app");
        String other = Api.unique("other");
        String subject = Api.unique("subject");
        String appKey = api().issueKey("app", app);
        assertThat(api().as(appKey)
                        .post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"))
                        .status())
                .isEqualTo(201);
        String recordId = api().firstConsentRecordId(subject);
        String path = "/v1/subjects/" + subject + "/consents/receipts/" + recordId;
        assertThat(api().as(appKey).get(path).status()).isEqualTo(200);
        assertThat(api().as(api().issueKey("app", other)).get(path).status()).isEqualTo(404);
        assertThat(officer()
                        .get("/v1/subjects/someone-else/consents/receipts/" + recordId)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void integrityChecksEachLogFromItsRows() {
        String subject = Api.unique("subject");
        api().post("/v1/subjects/" + subject + "/consents", consent("IN", "granted"));
        long signed = checkpoint("consent").size();
        for (String log : List.of("in", "consent")) {
            JsonNode report = officer().get("/v1/audit/integrity?zone=" + log).json();
            assertThat(report.get("zone").asString()).isEqualTo(log);
            assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
            assertThat(report.get("log").get("signing").asBoolean()).isTrue();
            assertThat(report.get("log").get("problem").isNull()).isTrue();
        }
        assertThat(officer()
                        .get("/v1/audit/integrity?zone=consent")
                        .json()
                        .get("log")
                        .get("signedSize")
                        .asLong())
                .isGreaterThanOrEqualTo(signed);
    }

    @Test
    void theKeyIsInTheSumdbNoteFormat() {
        JsonNode key = officer().get("/v1/audit/log/key?zone=eu").json();
        assertThat(key.get("origin").asString()).isEqualTo("consentinel.local/eu");
        assertThat(key.get("verifierKey").asString())
                .matches("consentinel\\.local/eu\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
        assertThat(Base64.getDecoder().decode(key.get("verifierKey").asString().split("\\+", 3)[2]))
                .hasSize(33);
    }

    @Test
    void sizesAndIndexesOutsideTheTreeAre400AndUnknownEntries404() {
        long size = checkpoint("in").size();
        assertThat(officer()
                        .get("/v1/audit/log/proof/consistency?zone=in&from=1&to=" + (size + 1000))
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/proof/consistency?zone=in&from=3&to=2")
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/entries?zone=in&start=0&end=" + (size + 1000))
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/entries?zone=in&start=0&end=1001")
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/proof/inclusion?zone=in&sequence=1&treeSize=" + (size + 1000))
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/proof/inclusion?zone=in&sequence=0")
                        .status())
                .isEqualTo(400);
        assertThat(officer()
                        .get("/v1/audit/log/proof/inclusion?zone=in&sequence=" + (size + 1000))
                        .status())
                .isEqualTo(404);
        assertThat(officer()
                        .get("/v1/audit/log/proof/inclusion?zone=consent&recordId=" + java.util.UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(officer().get("/v1/audit/log/checkpoint?zone=mars").status()).isEqualTo(404);
        Reply missing = officer().get("/v1/audit/log/checkpoint");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyOfficersAndAdminsReadTheLog() {
        String app = Api.unique("log");
        assertThat(api().as(api().issueKey("app", app))
                        .get("/v1/audit/log/checkpoint?zone=in")
                        .status())
                .isEqualTo(403);
        Reply checkpoint = officer().get("/v1/audit/log/checkpoint?zone=in");
        assertThat(checkpoint.contentType()).isEqualTo("text/plain;charset=utf-8");
    }

    private static java.util.Map<String, Object> inIndia(String app, String subject) {
        return with(pageView(app, subject), "jurisdiction", "IN");
    }

    private SignedNotes checkpoint(String log) {
        try {
            Reply reply = officer().get("/v1/audit/log/checkpoint?zone=" + log);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            String key = officer()
                    .get("/v1/audit/log/key?zone=" + log)
                    .json()
                    .get("verifierKey")
                    .asString();
            return SignedNotes.verify(reply.body(), key);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<byte[]> leaves(String log, long start, long end) throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (long at = start; at < end; at += 1000) {
            JsonNode entries = officer()
                    .get("/v1/audit/log/entries?zone=" + log + "&start=" + at + "&end=" + Math.min(end, at + 1000))
                    .json()
                    .get("entries");
            for (JsonNode entry : entries) {
                leaves.add(canonical(entry));
            }
        }
        return leaves;
    }

    private static byte[] canonical(JsonNode entry) throws Exception {
        return new JsonCanonicalizer(entry.toString()).getEncodedString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<byte[]> hashes(JsonNode answer) {
        List<byte[]> hashes = new ArrayList<>();
        answer.get("hashes").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asString())));
        return hashes;
    }

    private Api officer() {
        synchronized (TransparencyLogTests.class) {
            if (officerKey == null) {
                officerKey = api().issueKey("officer", null);
            }
        }
        return api().as(officerKey);
    }
}
