package io.consentinel.transparency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The deployment's Ed25519 log key, from its 32-byte seed, with the JDK's own Ed25519. Signs C2SP signed
 * notes: the key id of a key name is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), and
 * the verifier key reads {@code <name>+<8 hex>+<base64(0x01 || public key)>}, as golang.org/x/mod/sumdb/note.
 */
final class SigningKey {

    private static final byte ED25519 = 0x01;

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    SigningKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes, not " + seed.length);
        }
        try {
            // The JDK derives an Ed25519 key pair from 32 random bytes: giving it the seed as those bytes
            // yields the pair RFC 8032 defines for that seed.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            this.privateKey = pair.getPrivate();
            byte[] x509 = pair.getPublic().getEncoded();
            this.publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by the Java platform", e);
        }
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] keyId(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0x0A);
            sha.update(ED25519);
            sha.update(publicKey);
            return Arrays.copyOf(sha.digest(), 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String verifierKey(String name) {
        byte[] typed = new byte[33];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId(name)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    /** The note's text followed by its signature line, C2SP signed-note. */
    String signNote(String name, String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text ends with a newline");
        }
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = signer.sign();
            byte[] line = new byte[4 + signature.length];
            System.arraycopy(keyId(name), 0, line, 0, 4);
            System.arraycopy(signature, 0, line, 4, signature.length);
            return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(line) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** Hands the generator the seed instead of fresh randomness. */
    private static final class SeedRandom extends SecureRandom {
        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
