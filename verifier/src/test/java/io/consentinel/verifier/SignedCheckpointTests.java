package io.consentinel.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Signed notes against golang.org/x/mod/sumdb/note's published example. */
class SignedCheckpointTests {

    private static final String PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String ENOCH = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    private static final String SIGNATURE =
            "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";

    @Test
    void goNotesSignatureVerifiesButItIsNoCheckpoint() {
        // The signature checks out; the text is then refused only because it is not a checkpoint.
        assertThatThrownBy(() -> SignedCheckpoint.open(TEXT + "\n\u2014 PeterNeumann " + SIGNATURE + "\n", PETER))
                .hasMessageContaining("origin");
    }

    @Test
    void anAlteredNoteOrAnotherKeyIsRefused() {
        String altered = TEXT.replace("cryptography", "cryptographY") + "\n\u2014 PeterNeumann " + SIGNATURE + "\n";
        assertThatThrownBy(() -> SignedCheckpoint.open(altered, PETER)).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> SignedCheckpoint.open(TEXT + "\n\u2014 PeterNeumann " + SIGNATURE + "\n", ENOCH))
                .hasMessageContaining("no signature by the pinned key");
    }

    @Test
    void aVerifierKeyWhoseIdDoesNotMatchIsRefused() {
        assertThatThrownBy(() -> SignedCheckpoint.open("x\n", PETER.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("id does not match");
    }

    @Test
    void keyIdsFollowTheSignedNoteSpec() {
        byte[] publicKey = java.util.Arrays.copyOfRange(
                java.util.Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"), 1, 33);
        assertThat(java.util.HexFormat.of().formatHex(SignedCheckpoint.keyId("PeterNeumann", publicKey)))
                .isEqualTo("c74f20a3");
    }
}
