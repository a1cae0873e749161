package io.consentinel.decision;

import java.util.Locale;

/**
 * Reduces a URL to {@code scheme://host}: paths, queries and fragments carry emails, tokens and
 * search terms, user info carries credentials. Hand-written because real-world URLs are often not
 * valid for {@link java.net.URI}, and a URL we cannot read must be dropped, not kept.
 */
final class UrlOrigin {

    // DNS names are at most 253 characters; a longer "host" is data smuggled into the host position.
    private static final int MAX_HOST_LENGTH = 255;

    private UrlOrigin() {}

    /** {@code scheme://host} in lower case, or null when the URL has no scheme or no host. */
    static String of(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        int colon = schemeEnd(url, start, end);
        if (colon < 0 || colon + 2 >= end || url.charAt(colon + 1) != '/' || url.charAt(colon + 2) != '/') {
            return null;
        }
        int authorityStart = colon + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < end && !endsAuthority(url.charAt(authorityEnd))) {
            authorityEnd++;
        }
        int hostStart = url.lastIndexOf('@', authorityEnd - 1) + 1;
        if (hostStart < authorityStart) {
            hostStart = authorityStart;
        }
        int hostEnd = hostEnd(url, hostStart, authorityEnd);
        if (hostEnd <= hostStart || hostEnd - hostStart > MAX_HOST_LENGTH) {
            return null;
        }
        boolean ascii = true;
        for (int i = hostStart; i < hostEnd; i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return null;
            }
            ascii &= c < 0x80;
        }
        StringBuilder origin = new StringBuilder(colon - start + 3 + hostEnd - hostStart);
        appendLowerAscii(origin, url, start, colon).append("://");
        if (ascii) {
            return appendLowerAscii(origin, url, hostStart, hostEnd).toString();
        }
        return origin.append(url.substring(hostStart, hostEnd).toLowerCase(Locale.ROOT))
                .toString();
    }

    private static StringBuilder appendLowerAscii(StringBuilder out, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out;
    }

    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ':'.
    private static int schemeEnd(String url, int start, int end) {
        if (start >= end || !isAsciiLetter(url.charAt(start))) {
            return -1;
        }
        for (int i = start + 1; i < end; i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    // Browsers treat '\' like '/' in http(s) URLs, so it ends the authority too.
    private static boolean endsAuthority(char c) {
        return c == '/' || c == '\\' || c == '?' || c == '#';
    }

    private static int hostEnd(String url, int hostStart, int authorityEnd) {
        if (hostStart < authorityEnd && url.charAt(hostStart) == '[') {
            int close = url.indexOf(']', hostStart);
            // "[]" is no host; a bracket left open is not a URL we can read.
            return close < 0 || close >= authorityEnd || close == hostStart + 1 ? -1 : close + 1;
        }
        int portColon = url.indexOf(':', hostStart);
        return portColon >= 0 && portColon < authorityEnd ? portColon : authorityEnd;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
