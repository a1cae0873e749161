package io.consentinel.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Keyed, deterministic pseudonyms: {@code ps:<keyId>:<base64url(first 16 bytes of
 * HMAC-SHA256(key, UTF-8 value))>}. A plain hash of an IMEI or a phone number is reversed by
 * enumeration; a keyed HMAC is not without the key. Thread-safe without locks or thread locals.
 */
public final class Pseudonymiser {

    static final int MIN_KEY_BYTES = 32;
    private static final int KEPT_BYTES = 16;
    private static final int ENCODED_CHARS = 22; // ceil(16 * 8 / 6), no padding
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final byte[] BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    private static final int BLOCK_BYTES = 64; // SHA-256's block size, which HMAC pads the key to

    private final String keyId;
    // HMAC (RFC 2104) by hand: the key-padded first block of the inner and the outer hash is
    // compressed once, here. Each call clones these primed states, which saves two of the four
    // compressions that javax.crypto.Mac would do, and needs no lock and no thread-local.
    private final MessageDigest primedInner;
    private final MessageDigest primedOuter;
    private final byte[] prefix;

    public Pseudonymiser(String keyId, byte[] key) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(key, "key");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("the pseudonymisation key id must be 1 to 64 of [A-Za-z0-9._-]");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key must be at least " + MIN_KEY_BYTES
                    + " bytes (256 bits); it has " + key.length);
        }
        this.keyId = keyId;
        byte[] blockKey = key.length > BLOCK_BYTES ? sha256().digest(key) : key;
        byte[] innerPad = new byte[BLOCK_BYTES];
        byte[] outerPad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte k = i < blockKey.length ? blockKey[i] : 0;
            innerPad[i] = (byte) (k ^ 0x36);
            outerPad[i] = (byte) (k ^ 0x5c);
        }
        this.primedInner = primed(innerPad);
        this.primedOuter = primed(outerPad);
        Arrays.fill(innerPad, (byte) 0);
        Arrays.fill(outerPad, (byte) 0);
        this.prefix = ("ps:" + keyId + ":").getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest primed(byte[] pad) {
        MessageDigest digest = sha256();
        digest.update(pad);
        try {
            digest.clone(); // fail at start-up, not on the first event, if this provider cannot clone
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("a cloneable SHA-256 is required", e);
        }
        return digest;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public String pseudonymise(String value) {
        Objects.requireNonNull(value, "value");
        byte[] innerHash = fresh(primedInner).digest(value.getBytes(StandardCharsets.UTF_8));
        byte[] digest = fresh(primedOuter).digest(innerHash);
        byte[] out = new byte[prefix.length + ENCODED_CHARS];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        encodeBase64Url(digest, out, prefix.length);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static MessageDigest fresh(MessageDigest primed) {
        try {
            return (MessageDigest) primed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("checked in the constructor", e);
        }
    }

    // Encodes digest[0..16) without padding: five full 3-byte groups, then one byte left over.
    private static void encodeBase64Url(byte[] digest, byte[] out, int at) {
        int o = at;
        for (int i = 0; i < 15; i += 3) {
            int bits = (digest[i] & 0xff) << 16 | (digest[i + 1] & 0xff) << 8 | (digest[i + 2] & 0xff);
            out[o++] = BASE64URL[bits >>> 18 & 0x3f];
            out[o++] = BASE64URL[bits >>> 12 & 0x3f];
            out[o++] = BASE64URL[bits >>> 6 & 0x3f];
            out[o++] = BASE64URL[bits & 0x3f];
        }
        int last = digest[KEPT_BYTES - 1] & 0xff;
        out[o++] = BASE64URL[last >>> 2];
        out[o] = BASE64URL[(last & 0x03) << 4];
    }

    @Override
    public String toString() {
        return "Pseudonymiser[keyId=" + keyId + "]";
    }
}
