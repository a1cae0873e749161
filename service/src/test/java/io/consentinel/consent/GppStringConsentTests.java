package io.consentinel.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.iab.gpp.encoder.GppModel;
import com.iab.gpp.encoder.field.TcfEuV2Field;
import com.iab.gpp.encoder.field.UsCaField;
import com.iab.gpp.encoder.field.UsNatField;
import com.iab.gpp.encoder.section.TcfEuV2;
import com.iab.gpp.encoder.section.UsCa;
import com.iab.gpp.encoder.section.UsNat;
import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Purposes from real GPP strings, each made with the IAB's own encoder (com.iabgpp), read through the
 * default policy: its {@code tcf} map for the EU TCF section, {@code gppOptOuts} for US opt-outs, and
 * {@code gpcDenies} for the Gpc field.
 */
class GppStringConsentTests extends IntegrationTest {

    @Test
    void theEuTcfSectionGrantsThroughTheTcfMap() {
        GppModel gpp = new GppModel();
        gpp.setFieldValue(TcfEuV2.NAME, TcfEuV2Field.POLICY_VERSION, 4);
        gpp.setFieldValue(TcfEuV2.NAME, TcfEuV2Field.PURPOSE_CONSENTS, purposes(1, 9, 10));

        JsonNode purposes = record("DE", Map.of(), gpp.encode()).json().get("purposes");

        assertThat(purposes.get("analytics").get("status").asString()).isEqualTo("granted");
        assertThat(purposes.get("personalisation").get("status").asString()).isEqualTo("denied");
        assertThat(purposes.get("advertising").get("status").asString()).isEqualTo("denied");
    }

    @Test
    void aUsOptOutDeniesItsPurposesEvenOverAnExplicitGrant() {
        GppModel gpp = new GppModel();
        gpp.setFieldValue(UsNat.NAME, UsNatField.SALE_OPT_OUT_NOTICE, 1);
        gpp.setFieldValue(UsNat.NAME, UsNatField.SALE_OPT_OUT, 1);
        gpp.setFieldValue(UsNat.NAME, UsNatField.TARGETED_ADVERTISING_OPT_OUT, 2);

        JsonNode purposes = record(
                        "US",
                        Map.of("third_party_sharing", "granted", "advertising", "granted", "analytics", "granted"),
                        gpp.encode())
                .json()
                .get("purposes");

        assertThat(purposes.get("third_party_sharing").get("status").asString()).isEqualTo("denied");
        assertThat(purposes.get("advertising").get("status").asString()).isEqualTo("granted");
        assertThat(purposes.get("analytics").get("status").asString()).isEqualTo("granted");
    }

    @Test
    void aStateSectionsOptOutAndItsGpcFieldCountToo() {
        GppModel gpp = new GppModel();
        gpp.setFieldValue(UsCa.NAME, UsCaField.SHARING_OPT_OUT, 1);
        gpp.setFieldValue(UsCa.NAME, UsCaField.GPC_SEGMENT_INCLUDED, true);
        gpp.setFieldValue(UsCa.NAME, UsCaField.GPC, true);
        String subject = Api.unique("u");

        api().post("/v1/subjects/" + subject + "/consents", body("US", Map.of("analytics", "granted"), gpp.encode()));

        JsonNode state =
                api().get("/v1/subjects/" + subject + "/consents").json().get("purposes");
        assertThat(state.get("advertising").get("status").asString()).isEqualTo("denied");
        assertThat(state.get("third_party_sharing").get("status").asString()).isEqualTo("denied");
        assertThat(state.get("analytics").get("status").asString()).isEqualTo("granted");
        JsonNode history = api().get("/v1/subjects/" + subject + "/consents/history")
                .json()
                .get("records");
        assertThat(history.get(0).get("gppString").asString()).isEqualTo(gpp.encode());
    }

    @Test
    void aStringThatCannotBeDecodedIs400AtItsPointer() {
        GppModel oldTcf = new GppModel();
        oldTcf.setFieldValue(TcfEuV2.NAME, TcfEuV2Field.POLICY_VERSION, 2);
        oldTcf.setFieldValue(TcfEuV2.NAME, TcfEuV2Field.PURPOSE_CONSENTS, purposes(1));
        for (String bad : List.of("not-a-gpp-string", "DBABMA~", "%%%", oldTcf.encode())) {
            Reply reply = record("DE", Map.of(), bad);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("/gppString");
        }
    }

    private Reply record(String jurisdiction, Map<String, String> purposes, String gppString) {
        return api().post("/v1/subjects/" + Api.unique("u") + "/consents", body(jurisdiction, purposes, gppString));
    }

    private static Map<String, Object> body(String jurisdiction, Map<String, String> purposes, String gppString) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("jurisdiction", jurisdiction);
        body.put("noticeVersion", "n1");
        if (!purposes.isEmpty()) {
            body.put("purposes", purposes);
        }
        body.put("gppString", gppString);
        return body;
    }

    private static List<Boolean> purposes(int... consented) {
        List<Boolean> flags = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            int purpose = i;
            flags.add(java.util.Arrays.stream(consented).anyMatch(c -> c == purpose));
        }
        return flags;
    }
}
