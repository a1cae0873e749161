package io.consentinel.web;

/**
 * Text PostgreSQL can store: no NUL character (text and jsonb refuse it) and no unpaired UTF-16
 * surrogate (not Unicode at all). Such input is refused as invalid, so it can never surface later as a
 * store failure.
 */
public final class StorableText {

    public static final String PROBLEM = "must not contain NUL characters or unpaired surrogates";

    private StorableText() {}

    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
