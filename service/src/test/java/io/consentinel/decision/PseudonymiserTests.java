package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymiserTests {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void pseudonymIsTheBase64urlOfTheFirst16BytesOfTheHmac() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        byte[] digest = mac.doFinal("490154203237518".getBytes(StandardCharsets.UTF_8));
        String expected = "ps:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));

        assertThat(new Pseudonymiser("k1", KEY).pseudonymise("490154203237518"))
                .isEqualTo(expected)
                .hasSize(6 + 22);
    }

    @Test
    void keysLongerThanABlockAreHashedFirstAsHmacRequires() throws Exception {
        byte[] longKey = new byte[100];
        for (int i = 0; i < longKey.length; i++) {
            longKey[i] = (byte) i;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(longKey, "HmacSHA256"));
        byte[] digest = mac.doFinal("u-1".getBytes(StandardCharsets.UTF_8));

        assertThat(new Pseudonymiser("k2", longKey).pseudonymise("u-1"))
                .isEqualTo(
                        "ps:k2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)));
    }

    @Test
    void sameValueAndKeyGiveTheSamePseudonymAndOtherKeysDiffer() {
        Pseudonymiser first = new Pseudonymiser("k1", KEY);
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;

        assertThat(first.pseudonymise("u-1")).isEqualTo(new Pseudonymiser("k1", KEY.clone()).pseudonymise("u-1"));
        assertThat(first.pseudonymise("u-1")).isNotEqualTo(new Pseudonymiser("k1", otherKey).pseudonymise("u-1"));
        assertThat(first.pseudonymise("u-1")).isNotEqualTo(first.pseudonymise("u-2"));
    }

    @Test
    void nonAsciiValuesAreHashedAsUtf8() {
        Pseudonymiser pseudonymiser = new Pseudonymiser("k1", KEY);
        assertThat(pseudonymiser.pseudonymise("Zoë 😀")).isNotEqualTo(pseudonymiser.pseudonymise("Zo? ?"));
        assertThat(pseudonymiser.pseudonymise("")).matches("ps:k1:[A-Za-z0-9_-]{22}");
    }

    @Test
    void shortKeysAreRefusedWithoutEchoingTheKey() {
        byte[] shortKey = "my-secret-but-too-short".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new Pseudonymiser("k1", shortKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("my-secret");
    }

    @Test
    void keyIdsThatWouldBreakThePseudonymFormatAreRefused() {
        assertThatThrownBy(() -> new Pseudonymiser("k:1", KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pseudonymiser("", KEY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(new Pseudonymiser("k1", KEY).toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void concurrentCallsGiveTheSameResultsAsSequentialOnes() {
        Pseudonymiser pseudonymiser = new Pseudonymiser("k1", KEY);
        List<String> sequential = IntStream.range(0, 2000)
                .mapToObj(i -> pseudonymiser.pseudonymise("v" + i))
                .toList();
        List<String> parallel = IntStream.range(0, 2000)
                .parallel()
                .mapToObj(i -> pseudonymiser.pseudonymise("v" + i))
                .toList();
        assertThat(parallel).isEqualTo(sequential);
    }
}
