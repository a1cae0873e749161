package io.consentinel.ingest;

import io.consentinel.web.UuidText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids for messages whose own ids are not UUIDs: the name-based UUID (RFC 9562 version 5, SHA-1)
 * in Consentinel's namespace, so a retried message maps to the same event id on every node and is a
 * duplicate.
 */
final class NameBasedIds {

    static final UUID NAMESPACE = UUID.fromString("c0a5e7a1-5e4f-4f0e-9a57-6c0d1a7e2b11");

    private NameBasedIds() {}

    /** The id itself (lower case) when it is a UUID, else its version 5 UUID. */
    static String eventId(String id) {
        String uuid = UuidText.canonical(id);
        return uuid != null ? uuid : v5(id).toString();
    }

    static UUID v5(String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
        sha1.update(ByteBuffer.allocate(16)
                .putLong(NAMESPACE.getMostSignificantBits())
                .putLong(NAMESPACE.getLeastSignificantBits())
                .array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 9562 variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
