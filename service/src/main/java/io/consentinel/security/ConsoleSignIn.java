package io.consentinel.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs an officer in to the console with the API key typed into the sign-in form's password field.
 * Only officer and admin keys may: app and collector keys belong to backends, not to people.
 */
final class ConsoleSignIn implements AuthenticationProvider {

    private final KeyRegistry registry;

    ConsoleSignIn(KeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Authentication authenticate(Authentication form) {
        Object typed = form.getCredentials();
        String key = typed == null ? "" : typed.toString().trim();
        if (key.isEmpty()) {
            throw new BadCredentialsException("empty");
        }
        String hash = KeyHashes.hash(key);
        Caller caller = registry.recogniseHash(hash).orElseThrow(() -> new BadCredentialsException("unknown"));
        if (!mayUseConsole(caller.role())) {
            throw new DisabledException("role");
        }
        return ApiKeyAuthentication.authenticated(caller, hash);
    }

    static boolean mayUseConsole(Role role) {
        return role == Role.OFFICER || role == Role.ADMIN;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
