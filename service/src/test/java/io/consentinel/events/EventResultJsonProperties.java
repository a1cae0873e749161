package io.consentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.web.Violation;
import io.consentinel.zones.DecisionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written answer is the bean serializer's, character for character, for any result: present and
 * absent members, empty lists, and text that needs escaping.
 */
class EventResultJsonProperties {

    private static final JsonMapper HAND_WRITTEN = JsonMapper.builder().build();
    private static final JsonMapper BEAN = JsonMapper.builder()
            .addMixIn(EventResult.class, BeanSerialized.class)
            .build();
    private static final String[] TEXT = {
        "",
        "accepted",
        "a\"b",
        "back\\slash",
        "tab\there",
        "line\nbreak",
        "\u0001",
        "\u00e9t\u00e9",
        "\ud83d\ude00",
        "</script>"
    };

    @JsonSerialize(using = ValueSerializer.None.class)
    private interface BeanSerialized {}

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void writesWhatTheBeanSerializerWrites(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            EventResult result = new EventResult(
                    text(random),
                    text(random),
                    text(random),
                    text(random),
                    strings(random),
                    fields(random),
                    random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    violations(random));
            List<EventResult> batch = List.of(result, EventResult.invalid(text(random), List.of()));

            assertThat(HAND_WRITTEN.writeValueAsString(result)).isEqualTo(BEAN.writeValueAsString(result));
            assertThat(HAND_WRITTEN.writeValueAsString(new EventResult.Batch(batch)))
                    .isEqualTo(BEAN.writeValueAsString(new EventResult.Batch(batch)));
        }
    }

    @Test
    void theComparisonIsBetweenTwoSerializers() {
        // Without the mix-in both mappers would take the annotation, and the property above could not fail.
        assertThat(HAND_WRITTEN._serializationContext().findValueSerializer(EventResult.class))
                .isInstanceOf(EventResultJson.class);
        assertThat(BEAN._serializationContext().findValueSerializer(EventResult.class))
                .isNotInstanceOf(EventResultJson.class);
    }

    private static String text(Random random) {
        return random.nextInt(4) == 0 ? null : TEXT[random.nextInt(TEXT.length)] + random.nextInt(10);
    }

    private static List<String> strings(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<String> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            list.add(text(random));
        }
        return list;
    }

    private static List<DecisionRecord.Field> fields(Random random) {
        if (random.nextInt(4) == 0) {
            return null;
        }
        List<DecisionRecord.Field> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(new DecisionRecord.Field(text(random), text(random), text(random), text(random)));
        }
        return list;
    }

    private static List<Violation> violations(Random random) {
        if (random.nextInt(3) != 0) {
            return null;
        }
        List<Violation> list = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            list.add(new Violation(text(random), text(random)));
        }
        return list;
    }
}
