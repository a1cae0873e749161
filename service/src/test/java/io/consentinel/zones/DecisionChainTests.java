package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chain encoding is a stored format: every hash already written must still verify. */
class DecisionChainTests {

    static DecisionRecord sample(String subjectRef, List<DecisionRecord.Field> fields) {
        return new DecisionRecord(42, UUID.fromString("3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11"), "mi-browser", "u-1",
                subjectRef, "browsing.page_view", "IN", "in", "anonymised", List.of("CONSENT_MISSING", "CONSENT_WITHDRAWN"),
                fields, List.of("9b2c0f7e-0000-4000-8000-000000000001"), "2026-11-24",
                Instant.parse("2026-11-24T09:59:58.123456Z"), Instant.parse("2026-11-24T10:00:00Z"), null);
    }

    @Test
    void encodingAndHashAreUnchanged() {
        DecisionRecord d = sample("ps:k1:AAAAAAAAAAAAAAAAAAAAAA", List.of(
                new DecisionRecord.Field("device.imei", "device.identifier", "pseudonymise", "CONSENT_MISSING"),
                new DecisionRecord.Field("url", "behaviour.browsing", "url_domain", "CONSENT_WITHDRAWN")));
        // Computed with the original ByteArrayOutputStream encoder; a change here breaks stored chains.
        assertThat(HexFormat.of().formatHex(DecisionChain.link(DecisionChain.GENESIS, d)))
                .isEqualTo(GOLDEN_HASH);
        assertThat(HexFormat.of().formatHex(DecisionChain.encode(d))).isEqualTo(GOLDEN_ENCODING);
    }

    @Test
    void nullsAndNonAsciiEncodeAsBefore() {
        DecisionRecord d = new DecisionRecord(1, UUID.fromString("00000000-0000-4000-8000-000000000000"), "äpp ✓",
                "u", "ps:k:x", "t", null, null, "rejected", List.of(), List.of(), List.of(), "v", Instant.EPOCH,
                Instant.parse("1969-12-31T23:59:59.999999Z"), null);
        assertThat(HexFormat.of().formatHex(DecisionChain.link(DecisionChain.GENESIS, d))).isEqualTo(GOLDEN_NULLS);
    }

    static final String GOLDEN_HASH = "5f587dade8fb8accc12bc35f1a3341b1fbfecc13f0e3eea16d6e5ce7cf288232";
    static final String GOLDEN_ENCODING = "00000017636f6e73656e74696e656c2e6465636973696f6e2e7631000000000000002a0000002433663163326134652d"
            + "386430622d346135392d396437652d3266366331623061396531310000000a6d692d62726f777365720000001c70733a"
            + "6b313a414141414141414141414141414141414141414141410000001262726f7773696e672e706167655f7669657700"
            + "000002494e00000002696e0000000a616e6f6e796d69736564000000020000000f434f4e53454e545f4d495353494e47"
            + "00000011434f4e53454e545f57495448445241574e000000020000000b6465766963652e696d65690000001164657669"
            + "63652e6964656e7469666965720000000c70736575646f6e796d6973650000000f434f4e53454e545f4d495353494e47"
            + "0000000375726c000000126265686176696f75722e62726f7773696e670000000a75726c5f646f6d61696e0000001143"
            + "4f4e53454e545f57495448445241574e000000010000002439623263306637652d303030302d343030302d383030302d"
            + "3030303030303030303030310000000a323032362d31312d323400066102c5e3a5c000066102c6004800";
    static final String GOLDEN_NULLS = "d06a5c12709f886fe04e88cbc769eb4ff3cc7bd276c142b08a64c721386d1b61";
}
