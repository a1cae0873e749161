package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.all;
import static org.instancio.Select.field;

import io.consentinel.transparency.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.instancio.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision leaf writer agrees, byte for byte, with the entry built as a JSON tree and canonicalised by
 * the general writer ({@code CanonicalJsonTests} holds that one to RFC 8785 and the erdtman library).
 */
class DecisionLeafProperties {

    private static final long SEED = Long.getLong("consentinel.samples.seed", 20_261_202L);
    /** Strings an entry may carry: escapes, controls, non-ASCII, astral characters, and nulls. */
    private static final List<String> AWKWARD =
            List.of("", "\"", "\\", "\u0000\u001f", "\b\f\n\r\t", "é", "😀", "a/b", "\u2028", "ps:k1:AbC-_");

    static Stream<DecisionRecord> decisions() {
        return Instancio.of(DecisionRecord.class)
                .generate(
                        all(String.class),
                        gen -> gen.string().minLength(0).maxLength(12).nullable())
                .supply(field(DecisionRecord::sequence), DecisionLeafProperties::sequence)
                .supply(field(DecisionRecord::occurredAt), DecisionLeafProperties::instant)
                .supply(field(DecisionRecord::receivedAt), DecisionLeafProperties::instant)
                .generate(
                        field(DecisionRecord::fields),
                        gen -> gen.collection().minSize(0).maxSize(4))
                .generate(
                        field(DecisionRecord::reasons),
                        gen -> gen.collection().minSize(0).maxSize(3))
                .withSeed(SEED)
                .stream()
                .limit(2_000);
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void aLeafIsTheCanonicalJsonOfTheDecisionsEntry(DecisionRecord decision) {
        assertThat(new String(DecisionLeaf.bytes(decision), StandardCharsets.UTF_8))
                .isEqualTo(new String(CanonicalJson.bytes(DecisionEntries.entry(decision)), StandardCharsets.UTF_8));
    }

    private static long sequence(Random random) {
        return switch (random.intRange(0, 3)) {
            case 0 -> random.longRange(1, 1_000_000);
            case 1 -> (1L << 53) + random.longRange(-2, 2); // where JCS numbers stop being exact
            default -> random.longRange(1, Long.MAX_VALUE);
        };
    }

    /** Whole seconds, milliseconds or microseconds (what a store keeps), across and beyond the years 0 to 9999. */
    private static Instant instant(Random random) {
        if (random.intRange(0, 20) == 0) {
            return null;
        }
        long seconds = switch (random.intRange(0, 3)) {
            case 0 -> random.longRange(1_700_000_000L, 1_900_000_000L);
            case 1 -> random.longRange(-62_167_219_200L - 86_400L, 253_402_300_799L + 86_400L); // around 0000 and 9999
            default -> random.longRange(-100_000_000_000L, 400_000_000_000L);
        };
        int nanos = switch (random.intRange(0, 3)) {
            case 0 -> 0;
            case 1 -> random.intRange(0, 999) * 1_000_000;
            case 2 -> random.intRange(0, 999_999) * 1_000;
            default -> random.intRange(0, 999_999_999); // finer than a store keeps: truncated first
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Controls, ASCII, the rest of the BMP, and astral code points (surrogate pairs). */
    private static String anyCharacters(Random random, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.appendCodePoint(
                    switch (random.intRange(0, 3)) {
                        case 0 -> random.intRange(0, 0x1f);
                        case 1 -> random.intRange(0x20, 0x7e);
                        case 2 -> random.intRange(0xa0, 0xd7ff);
                        default -> random.intRange(0x10000, 0x10ffff);
                    });
        }
        return s.toString();
    }

    /** Null, one of the awkward strings, or a random one of up to 12 characters of any kind. */
    private static String string(Random random) {
        return switch (random.intRange(0, 5)) {
            case 0 -> null;
            case 1, 2 -> AWKWARD.get(random.intRange(0, AWKWARD.size() - 1));
            case 3 -> anyCharacters(random, random.intRange(0, 12));
            default -> random.alphanumeric(random.intRange(0, 12));
        };
    }
}
