package io.consentinel.transparency;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A test's own reading of a C2SP signed note against a verifier key, written from the C2SP specs and
 * sharing nothing with the service's signing code.
 */
record SignedNotes(String origin, long size, byte[] root) {

    private static final byte[] X509_ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    static SignedNotes verify(String note, String verifierKey) throws Exception {
        String[] key = verifierKey.split("\\+", 3);
        String name = key[0];
        byte[] keyId = HexFormat.of().parseHex(key[1]);
        byte[] typed = Base64.getDecoder().decode(key[2]);
        if (typed[0] != 1) {
            throw new AssertionError("not an Ed25519 key");
        }
        int split = note.indexOf("\n\n");
        String text = note.substring(0, split + 1);
        String signatures = note.substring(split + 2);
        String prefix = "\u2014 " + name + " ";
        String line = Arrays.stream(signatures.split("\n"))
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no signature by " + name));
        byte[] signed = Base64.getDecoder().decode(line.substring(prefix.length()));
        if (!Arrays.equals(Arrays.copyOf(signed, 4), keyId)) {
            throw new AssertionError("key id differs");
        }
        byte[] x509 = new byte[44];
        System.arraycopy(X509_ED25519_PREFIX, 0, x509, 0, 12);
        System.arraycopy(typed, 1, x509, 12, 32);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(publicKey);
        check.update(text.getBytes(StandardCharsets.UTF_8));
        if (!check.verify(Arrays.copyOfRange(signed, 4, signed.length))) {
            throw new AssertionError("signature does not verify");
        }
        String[] lines = text.split("\n");
        return new SignedNotes(
                lines[0], Long.parseLong(lines[1]), Base64.getDecoder().decode(lines[2]));
    }
}
