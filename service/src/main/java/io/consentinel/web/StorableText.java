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
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            // Every request's keys and values pass through here: one comparison clears the usual character.
            // NUL wraps round to 0xFFFF, so only NUL and characters from the surrogates up are looked at.
            if ((char) (c - 1) < Character.MIN_SURROGATE - 1) {
                continue;
            }
            if (c == '\0' || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }
}
