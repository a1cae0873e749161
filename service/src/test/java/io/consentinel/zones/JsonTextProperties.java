package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.RandomText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The hand-written JSON of fields and stored attributes, held character for character to Jackson. */
class JsonTextProperties {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHABET = RandomText.AWKWARD;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void attributesAreWrittenAsJacksonWritesThem(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            JsonNode tree =
                    random.nextInt(3) == 0 ? DecisionRows.JSON.readTree(jackson(object(random, 0))) : object(random, 0);
            String jackson = jackson(tree);

            StringBuilder plain = new StringBuilder();
            new JsonText(plain, false).tree(tree);
            assertThat(plain.toString()).isEqualTo(jackson);

            assertThat(copyColumn(text -> new JsonText(text, true).tree(tree))).isEqualTo(copyColumnOf(jackson));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fieldsAreWrittenAsJacksonWritesThem(long seed) {
        Random random = new Random(seed);
        List<DecisionRecord.Field> fields = new ArrayList<>();
        int size = random.nextInt(6);
        for (int i = 0; i < size; i++) {
            fields.add(new DecisionRecord.Field(
                    text(random), random.nextInt(4) == 0 ? null : text(random), text(random), text(random)));
        }
        String jackson = DecisionRows.fieldsJson(fields);

        StringBuilder plain = new StringBuilder();
        new JsonText(plain, false).fields(fields);
        assertThat(plain.toString()).isEqualTo(jackson);

        assertThat(copyColumn(text -> new JsonText(text, true).fields(fields))).isEqualTo(copyColumnOf(jackson));
    }

    /** What {@code write} leaves in a COPY row, as one column. */
    private static String copyColumn(Consumer<StringBuilder> write) {
        StringBuilder row = new StringBuilder();
        write.accept(row);
        return row.toString();
    }

    /** Jackson's text through CopyText's own escaping, as the column was written before. */
    private static String copyColumnOf(String jackson) {
        String text = new CopyText(64).text(jackson).endRowAndGet();
        return text.substring(0, text.length() - 1);
    }

    private static String jackson(JsonNode node) {
        return DecisionRows.JSON.writeValueAsString(node);
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode node = NODES.objectNode();
        int members = random.nextInt(8);
        for (int i = 0; i < members; i++) {
            node.set(text(random), value(random, depth));
        }
        return node;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(1000) - 500);
            case 3 -> NODES.numberNode(random.nextInt());
            case 4 ->
                NODES.numberNode(
                        switch (random.nextInt(6)) {
                            case 0 -> random.nextDouble() * 180 - 90;
                            case 1 -> random.nextInt(100) / 10.0;
                            case 2 -> Double.longBitsToDouble(random.nextLong());
                            case 3 -> -0.0;
                            case 4 -> random.nextBoolean() ? 1e-7 : 1e21;
                            default -> random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
                        });
            case 5 ->
                switch (random.nextInt(4)) {
                    case 0 -> NODES.numberNode(new BigInteger(100, random).negate());
                    case 1 ->
                        NODES.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(20) - 5));
                    case 2 -> NODES.numberNode(random.nextFloat());
                    default -> NODES.numberNode((short) random.nextInt());
                };
            case 6, 7, 8 -> NODES.stringNode(text(random));
            case 9 -> object(random, depth + 1);
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
