package io.consentinel.web;

/** Jurisdictions as API.md takes them: ISO 3166-1 alpha-2 codes, two upper-case ASCII letters. */
public final class CountryCodes {

    public static final String PROBLEM = "must be an ISO 3166-1 alpha-2 code in upper case";

    private CountryCodes() {}

    public static boolean isAlpha2(String code) {
        return code.length() == 2 && isUpperAscii(code.charAt(0)) && isUpperAscii(code.charAt(1));
    }

    private static boolean isUpperAscii(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
