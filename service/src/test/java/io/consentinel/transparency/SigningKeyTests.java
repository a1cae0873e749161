package io.consentinel.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The signing key against golang.org/x/mod/sumdb/note's published example: same key, same bytes. */
class SigningKeyTests {

    /** From sumdb/note's package documentation and note_test.go: 0x01 || the Ed25519 seed. */
    private static final String GO_SIGNER_KEY = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    private static final String GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static SigningKey peter() {
        byte[] typed = Base64.getDecoder().decode(GO_SIGNER_KEY);
        return new SigningKey(Arrays.copyOfRange(typed, 1, typed.length));
    }

    @Test
    void theVerifierKeyMatchesGosNoteFormat() {
        assertThat(peter().verifierKey("PeterNeumann")).isEqualTo(GO_VERIFIER_KEY);
    }

    @Test
    void aSignedNoteIsByteForByteWhatGoSigns() {
        assertThat(peter().signNote("PeterNeumann", GO_TEXT)).isEqualTo(GO_NOTE);
    }

    @Test
    void ourOwnNotesVerifyWithTheTestsIndependentReader() throws Exception {
        SigningKey key = peter();
        String note = key.signNote("consentinel.local/in", "consentinel.local/in\n3\nAAAA\n");
        assertThat(SignedNotes.verify(note, key.verifierKey("consentinel.local/in"))
                        .size())
                .isEqualTo(3);
    }
}
