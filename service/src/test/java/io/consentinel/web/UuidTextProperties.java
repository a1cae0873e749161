package io.consentinel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written UUID check answers as the regular expression and {@link UUID#toString} it replaced. */
class UuidTextProperties {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Hex digits of both cases, the hyphen, and characters next to them in ASCII and beyond. */
    private static final String NEAR = "0123456789abcdefABCDEF-gG/:@`{ \u00e9\u0660";

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void acceptsAndLowerCasesExactlyWhatTheRegularExpressionAccepts(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            String text = nearlyUuid(random);
            String expected =
                    UUID_TEXT.matcher(text).matches() ? UUID.fromString(text).toString() : null;
            assertThat(UuidText.canonical(text)).as("%s", text).isEqualTo(expected);
            accepted += expected == null ? 0 : 1;
        }
        // Both sides of the property are exercised, not only refusals.
        assertThat(accepted).isBetween(500, 4_500);
    }

    /** A random UUID's text, then up to two characters changed, inserted or removed, or its case changed. */
    private static String nearlyUuid(Random random) {
        StringBuilder text = new StringBuilder(new UUID(random.nextLong(), random.nextLong()).toString());
        if (random.nextBoolean()) {
            text = new StringBuilder(text.toString().toUpperCase(Locale.ROOT));
        }
        int changes = random.nextInt(4) == 0 ? 0 : random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            int at = random.nextInt(text.length());
            char with = NEAR.charAt(random.nextInt(NEAR.length()));
            switch (random.nextInt(3)) {
                case 0 -> text.setCharAt(at, with);
                case 1 -> text.insert(at, with);
                default -> text.deleteCharAt(at);
            }
        }
        return text.toString();
    }
}
