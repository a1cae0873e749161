package io.consentinel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-comparison scan refuses exactly the text whose code points include NUL or a lone surrogate
 * (which {@link String#codePoints} reports as a code point of its own).
 */
class StorableTextProperties {

    /** NUL, the characters either side of each boundary the scan compares against, and ordinary ones. */
    private static final char[] NEAR = {
        '\0', '\u0001', 'a', '\u00e9', '\u0660', '\ud7fe', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000',
        '\uffff'
    };

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void refusesExactlyNulAndUnpairedSurrogates(long seed) {
        Random random = new Random(seed);
        int storable = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6);
            for (int k = 0; k < length; k++) {
                text.append(
                        random.nextInt(3) == 0 ? NEAR[random.nextInt(NEAR.length)] : (char) ('a' + random.nextInt(26)));
            }
            String s = text.toString();
            boolean expected = s.codePoints().noneMatch(cp -> cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF));
            assertThat(StorableText.isStorable(s))
                    .as("%s", s.chars().boxed().toList())
                    .isEqualTo(expected);
            storable += expected ? 1 : 0;
        }
        // Both sides of the property are exercised, not only refusals.
        assertThat(storable).isBetween(1_000, 4_500);
    }
}
