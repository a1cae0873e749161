package io.consentinel.consent;

import static io.consentinel.support.Telemetry.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.iabtcf.encoder.TCStringEncoder;
import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Purposes from real TC strings. Valid TCF v2.2 strings (policy version 4) are made with the IAB's own
 * encoder; the version-2 strings come from the IAB decoder's public test suite (TCStringV2Test) and
 * must be refused, as TCF policy versions below 4 are invalid since 30 Sep 2023.
 */
class TcStringConsentTests extends IntegrationTest {

    static final String IAB_SUITE_POLICY_V2 = "COtybn4PA_zT4KjACBENAPCIAEBAAECAAIAAAAAAAAAA";
    static final String IAB_SUITE_PURPOSES_3_TO_9 =
            "COrEAV4OrXx94ACABBENAHCIAD-AAAAAAACAAxAAAAgAIAwgAgAAAAEAgQAAAAAEAYQAQAAAACAAAABAAA";

    @Test
    void purposesAreDerivedThroughThePolicysTcfMap() {
        // Purposes 1, 9 and 10 cover analytics; 1, 5, 6 cover personalisation; advertising (1, 3, 4) lacks 4.
        String tcString = v22(1, 3, 5, 6, 9, 10);
        JsonNode purposes = record(tcString).json().get("purposes");

        assertThat(purposes.get("analytics").get("status").asString()).isEqualTo("granted");
        assertThat(purposes.get("personalisation").get("status").asString()).isEqualTo("granted");
        assertThat(purposes.get("advertising").get("status").asString()).isEqualTo("denied");
    }

    @Test
    void theTcStringIsKeptAsEvidence() {
        String tcString = v22(1, 9, 10);
        String subject = Api.unique("u");
        api().post("/v1/subjects/" + subject + "/consents", body(tcString));
        JsonNode records = api().get("/v1/subjects/" + subject + "/consents/history")
                .json()
                .get("records");
        assertThat(records.get(0).get("tcString").asString()).isEqualTo(tcString);
    }

    @Test
    void stringsFromBeforeTcf22AreRefused() {
        for (String old : new String[] {IAB_SUITE_POLICY_V2, IAB_SUITE_PURPOSES_3_TO_9}) {
            Reply reply = record(old);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/tcString");
            assertThat(reply.json().get("errors").get(0).get("detail").asString())
                    .contains("policy version 2");
        }
    }

    @Test
    void malformedStringsAreRefused() {
        for (String bad : new String[] {"not-a-tc-string", "CO", "%%%", "C" + "A".repeat(20)}) {
            Reply reply = record(bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/tcString");
        }
    }

    private Reply record(String tcString) {
        return api().post("/v1/subjects/" + Api.unique("u") + "/consents", body(tcString));
    }

    private static Map<String, Object> body(String tcString) {
        return with(Map.of("jurisdiction", "DE", "noticeVersion", "n1"), "tcString", tcString);
    }

    static String v22(int... purposes) {
        TCStringEncoder.Builder builder = TCStringEncoder.newBuilder()
                .version(2)
                .created(Instant.parse("2026-11-01T10:00:00Z"))
                .lastUpdated(Instant.parse("2026-11-01T10:00:00Z"))
                .cmpId(300)
                .cmpVersion(1)
                .consentScreen(1)
                .consentLanguage("EN")
                .vendorListVersion(150)
                .tcfPolicyVersion(4)
                .publisherCC("DE");
        for (int purpose : purposes) {
            builder.addPurposesConsent(purpose);
        }
        return builder.encode();
    }
}
