package io.consentinel.zones;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The tamper-evident link between a zone's decisions: {@code hash = SHA-256(previousHash || content)}.
 *
 * <p>The content is a canonical binary encoding, chosen so that no two different decisions encode the
 * same way and so that it does not depend on JSON key order or database formatting:
 * <ul>
 *   <li>a string is its UTF-8 byte length as a 4-byte big-endian int, then the bytes; null is length -1;
 *   <li>a number is 8 bytes big-endian; an instant is its epoch microseconds (PostgreSQL's precision);
 *   <li>a list is its size as a 4-byte int, then its elements; a field is path, category, action, reason.
 * </ul>
 * In order: the tag {@code consentinel.decision.v1}, sequence, event id, app id, subject ref, event type,
 * jurisdiction, zone, outcome, reasons, fields, consent record ids, policy version, occurred-at,
 * received-at. The raw subject id is deliberately left out: erasure replaces it, and the chain must
 * still verify afterwards.
 */
public final class DecisionChain {

    public static final byte[] GENESIS = new byte[32];
    private static final String TAG = "consentinel.decision.v1";

    private DecisionChain() {}

    public static byte[] link(byte[] previousHash, DecisionRecord d) {
        MessageDigest sha = sha256();
        sha.update(previousHash);
        sha.update(encode(d));
        return sha.digest();
    }

    /** Instants are kept at microsecond precision everywhere, so what is hashed is what is stored. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] encode(DecisionRecord d) {
        Encoder out = new Encoder();
        out.string(TAG);
        out.number(d.sequence());
        out.string(d.eventId().toString());
        out.string(d.appId());
        out.string(d.subjectRef());
        out.string(d.eventType());
        out.string(d.jurisdiction());
        out.string(d.zone());
        out.string(d.outcome());
        out.strings(d.reasons());
        out.count(d.fields().size());
        for (DecisionRecord.Field field : d.fields()) {
            out.string(field.path());
            out.string(field.category());
            out.string(field.action());
            out.string(field.reason());
        }
        out.strings(d.consentRecordIds());
        out.string(d.policyVersion());
        out.instant(d.occurredAt());
        out.instant(d.receivedAt());
        return out.bytes();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        private final ByteBuffer scratch = ByteBuffer.allocate(8);

        void string(String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int32(bytes.length);
            out.writeBytes(bytes);
        }

        void strings(List<String> values) {
            count(values.size());
            values.forEach(this::string);
        }

        void number(long value) {
            scratch.clear();
            out.write(scratch.putLong(value).array(), 0, 8);
        }

        void instant(Instant value) {
            Instant micros = micros(value);
            number(Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1_000));
        }

        void count(int size) {
            int32(size);
        }

        private void int32(int value) {
            scratch.clear();
            out.write(scratch.putInt(value).array(), 0, 4);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
