package io.consentinel.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.RandomText;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The leaf writer against the erdtman JCS canonicaliser and RFC 8785's own examples. */
class CanonicalJsonTests {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHABET = RandomText.AWKWARD;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomEntriesCanonicaliseAsTheLibraryDoes(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 50; i++) {
            JsonNode tree = object(random, 0);
            assertThat(new String(CanonicalJson.bytes(tree), StandardCharsets.UTF_8))
                    .isEqualTo(new String(CanonicalJson.viaGeneralCanonicaliser(tree), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rfc8785SortsByUtf16CodeUnits() {
        // RFC 8785 section 3.2.3's example property names, in the order the RFC gives as sorted.
        ObjectNode node = NODES.objectNode();
        node.put("\u20ac", "Euro Sign");
        node.put("\r", "Carriage Return");
        node.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        node.put("1", "One");
        node.put("\ud83d\ude00", "Emoji: Grinning Face");
        node.put("\u0080", "Control");
        node.put("\u00f6", "Latin Small Letter O With Diaeresis");
        String canonical = new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8);
        assertThat(canonical)
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void fractionsGoToTheGeneralCanonicaliser() {
        JsonNode node = JsonMapper.builder().build().readTree("{\"b\":1.50,\"a\":[1E3,-0.0,1e21]}");
        assertThat(new String(CanonicalJson.bytes(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1000,0,1e+21],\"b\":1.5}");
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            node.set(text(random), value(random, depth));
        }
        return node;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 7)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(3) == 0 ? random.nextLong() >> 11 : random.nextInt(1000));
            case 3, 4 -> NODES.stringNode(text(random));
            case 5 -> object(random, depth + 1);
            default -> {
                ArrayNode array = NODES.arrayNode();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
        };
    }

    private static String text(Random random) {
        return RandomText.from(random, ALPHABET);
    }
}
