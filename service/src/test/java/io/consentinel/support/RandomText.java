package io.consentinel.support;

import java.util.Random;

/** Random strings for property tests, drawn from an alphabet of awkward characters. */
public final class RandomText {

    /** Quotes, backslashes, control characters, non-Latin-1, line separators and a surrogate pair. */
    public static final String AWKWARD =
            "aZ09 ./:_-\"\\\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080é€\u2028\u2029😀ÿ\uFFFF<>&'";

    private RandomText() {}

    /**
     * Mostly short strings dense with awkward characters, and one in four up to 60 characters long, whose
     * awkward characters sit between longer plain runs. Never splits the surrogate pair.
     */
    public static String from(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(8);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(alphabet.length());
            char c = alphabet.charAt(at);
            if (Character.isHighSurrogate(c)) {
                text.append(c).append(alphabet.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
