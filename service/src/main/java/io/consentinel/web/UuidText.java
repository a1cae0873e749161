package io.consentinel.web;

import java.util.Locale;

/**
 * UUIDs in their 36-character text form, checked without a regular expression: every event id of every
 * request passes here, and a matcher per id was a measurable share of validating a batch.
 */
public final class UuidText {

    private UuidText() {}

    /**
     * The id in lower case, as {@link java.util.UUID#toString} writes it, when it is eight, four, four, four
     * and twelve hex digits joined by hyphens; otherwise null.
     */
    public static String canonical(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        boolean lower = true;
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
            } else if (c >= 'A' && c <= 'F') {
                lower = false;
            } else if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return lower ? text : text.toLowerCase(Locale.ROOT);
    }
}
