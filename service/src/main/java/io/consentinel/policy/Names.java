package io.consentinel.policy;

import java.util.regex.Pattern;

/** The shapes of names a policy declares. */
final class Names {

    /** Purposes, categories and event types: {@code analytics}, {@code device.identifier}, {@code browsing.page_view}. */
    static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    static final String KEY_RULE =
            "a name of letters, digits, '_', '.' or '-' that starts with a letter (at most 64 characters)";
    /** Zones name stores and environment variables ({@code CONSENTINEL_ZONES_IN_URL}), hence lower case. */
    static final Pattern ZONE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    static final String ZONE_RULE = "a zone name matching [a-z][a-z0-9_-]* (at most 32 characters)";

    private Names() {}
}
