package io.consentinel.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Recognises a presented API key through the {@link KeyRegistry}: unknown and revoked keys are bad credentials. */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final KeyRegistry registry;

    ApiKeyAuthenticationProvider(KeyRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).presentedKey();
        String hash = KeyHashes.hash(key);
        return registry.recogniseHash(hash)
                .map(caller -> ApiKeyAuthentication.authenticated(caller, hash))
                .orElseThrow(() -> new BadCredentialsException("The API key is unknown or revoked"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
