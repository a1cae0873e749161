package io.consentinel.web;

/**
 * Path segments that every layer reads the same way: no percent-encoding, no matrix parameters, no dot
 * segments, only characters that need no decoding. A route served outside Spring MVC takes its path
 * variable as is only when it is one of these; any other path goes the usual way.
 */
public final class PlainSegments {

    private PlainSegments() {}

    public static boolean isPlain(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~@:+=,!*$'()".indexOf(c) >= 0;
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
