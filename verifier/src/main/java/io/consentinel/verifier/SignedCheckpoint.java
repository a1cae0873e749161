package io.consentinel.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP tlog-checkpoint in a C2SP signed note, opened with a pinned verifier key in the format of
 * golang.org/x/mod/sumdb/note ({@code <name>+<8 hex key id>+<base64(0x01 || Ed25519 public key)>}).
 */
record SignedCheckpoint(String origin, long size, byte[] root, String note) {

    /** DER prefix of an X.509 Ed25519 public key, before its 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** Thrown when a note does not verify or is not a checkpoint: its message is a plain sentence. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static SignedCheckpoint open(String note, String verifierKey) throws Invalid {
        String[] parts = verifierKey.trim().split("\\+", 3);
        if (parts.length != 3 || parts[1].length() != 8) {
            throw new Invalid("The verifier key is not of the form <name>+<8 hex digits>+<base64 key>.");
        }
        String name = parts[0];
        byte[] keyId;
        byte[] typed;
        try {
            keyId = HexFormat.of().parseHex(parts[1]);
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new Invalid("The verifier key is not of the form <name>+<8 hex digits>+<base64 key>.");
        }
        if (typed.length != 33 || typed[0] != 1) {
            throw new Invalid("The verifier key is not an Ed25519 key.");
        }
        byte[] publicKey = Arrays.copyOfRange(typed, 1, 33);
        if (!Arrays.equals(keyId, keyId(name, publicKey))) {
            throw new Invalid("The verifier key's id does not match its name and key.");
        }
        int blank = note.indexOf("\n\n");
        if (blank < 0 || !note.endsWith("\n")) {
            throw new Invalid("The checkpoint is not a signed note.");
        }
        String text = note.substring(0, blank + 1);
        byte[] signature = null;
        String prefix = "\u2014 " + name + " ";
        for (String line : note.substring(blank + 2).split("\n")) {
            if (line.startsWith(prefix)) {
                byte[] blob;
                try {
                    blob = Base64.getDecoder().decode(line.substring(prefix.length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (blob.length == 68 && Arrays.equals(Arrays.copyOf(blob, 4), keyId)) {
                    signature = Arrays.copyOfRange(blob, 4, 68);
                }
            }
        }
        if (signature == null) {
            throw new Invalid("The checkpoint carries no signature by the pinned key " + name + ".");
        }
        if (!verifies(publicKey, text.getBytes(StandardCharsets.UTF_8), signature)) {
            throw new Invalid("The checkpoint's signature does not verify with the pinned key: it was altered or"
                    + " signed by another key.");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !lines[0].equals(name)) {
            throw new Invalid("The checkpoint's origin is not " + name + ".");
        }
        try {
            long size = Long.parseLong(lines[1]);
            byte[] root = Base64.getDecoder().decode(lines[2]);
            if (size < 0 || root.length != 32) {
                throw new NumberFormatException();
            }
            return new SignedCheckpoint(lines[0], size, root, note);
        } catch (IllegalArgumentException e) {
            throw new Invalid("The checkpoint's size or root hash is malformed.");
        }
    }

    static byte[] keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update(new byte[] {0x0A, 0x01});
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        try {
            byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(publicKey, 0, x509, X509_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(message);
            return check.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
