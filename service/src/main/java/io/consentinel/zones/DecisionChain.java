package io.consentinel.zones;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
        Encoder content = encoder(d);
        sha.update(content.buffer, 0, content.size);
        return sha.digest();
    }

    /** Instants are kept at microsecond precision everywhere, so what is hashed is what is stored. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] encode(DecisionRecord d) {
        return encoder(d).bytes();
    }

    private static Encoder encoder(DecisionRecord d) {
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
        return out;
    }

    private static final MessageDigest PROTOTYPE = newSha256();

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Big-endian fields into a plain growable array: no stream synchronisation, no boxing. */
    private static final class Encoder {
        private byte[] buffer = new byte[512];
        private int size;

        void string(String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int32(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void strings(List<String> values) {
            count(values.size());
            for (int i = 0; i < values.size(); i++) {
                string(values.get(i));
            }
        }

        void number(long value) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buffer[size++] = (byte) (value >>> shift);
            }
        }

        void instant(Instant value) {
            Instant micros = micros(value);
            number(Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1_000));
        }

        void count(int size) {
            int32(size);
        }

        private void int32(int value) {
            ensure(4);
            buffer[size++] = (byte) (value >>> 24);
            buffer[size++] = (byte) (value >>> 16);
            buffer[size++] = (byte) (value >>> 8);
            buffer[size++] = (byte) value;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
