package io.consentinel.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * Reads the API key a request presents: {@code Authorization: Bearer <key>} everywhere, and on
 * {@code /compat/**} also HTTP Basic with the key as user name and an empty password, which is how the
 * Segment and RudderStack SDKs send their write key.
 */
final class PresentedKeys {

    static final String COMPAT_PATHS = "/compat/";

    private PresentedKeys() {}

    /** Empty when the request presents no key; a malformed one is a bad credential. */
    static Optional<String> of(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = header.substring(7).trim();
            if (key.isEmpty()) {
                throw new BadCredentialsException("A bearer API key is required");
            }
            return Optional.of(key);
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6) && isCompat(request)) {
            return Optional.of(basicUser(header.substring(6).trim()));
        }
        return Optional.empty();
    }

    static boolean isCompat(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(COMPAT_PATHS);
    }

    private static String basicUser(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("The Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        if (user.isEmpty() || !password.isEmpty()) {
            // The SDKs send "<writeKey>:"; anything else is not an API key in Basic form.
            throw new BadCredentialsException(
                    "Basic credentials must be an API key as user name and an empty password");
        }
        return user;
    }
}
