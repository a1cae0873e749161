package io.consentinel.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An API key, before authentication the presented secret and after it the {@link Caller} with one
 * authority, {@code ROLE_<ROLE>}. The authenticated form keeps the key's hash, never the key, so a console
 * session can ask on every page whether the key was revoked since.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final transient String presentedKey;
    private final Caller caller;
    private final String keyHash;
    /** Recognised from this node's cache without catching up first; see {@link KeyConfirmations}. */
    private final boolean recognisedFromCache;

    private ApiKeyAuthentication(String presentedKey, Caller caller, String keyHash) {
        this(presentedKey, caller, keyHash, false);
    }

    private ApiKeyAuthentication(String presentedKey, Caller caller, String keyHash, boolean recognisedFromCache) {
        super(caller == null ? List.of() : List.of(new SimpleGrantedAuthority(authority(caller.role()))));
        this.presentedKey = presentedKey;
        this.caller = caller;
        this.keyHash = keyHash;
        this.recognisedFromCache = recognisedFromCache;
        setAuthenticated(caller != null);
    }

    static ApiKeyAuthentication unauthenticated(String presentedKey) {
        return new ApiKeyAuthentication(presentedKey, null, null);
    }

    static ApiKeyAuthentication authenticated(Caller caller, String keyHash) {
        return new ApiKeyAuthentication(null, caller, keyHash);
    }

    /** As {@link #authenticated}, for a key this node recognised without catching up with the change log first. */
    static ApiKeyAuthentication recognisedFromCache(Caller caller, String keyHash) {
        return new ApiKeyAuthentication(null, caller, keyHash, true);
    }

    static String authority(Role role) {
        return "ROLE_" + role.name();
    }

    String presentedKey() {
        return presentedKey;
    }

    Caller caller() {
        return caller;
    }

    String keyHash() {
        return keyHash;
    }

    boolean recognisedFromCache() {
        return recognisedFromCache;
    }

    /** Never the key: it is needed only once, to authenticate. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return caller;
    }

    /** The key's id: what Spring Session indexes a console session by. Never the key or its hash. */
    @Override
    public String getName() {
        return caller == null ? "" : caller.keyId();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKeyAuthentication that
                && java.util.Objects.equals(caller, that.caller)
                && java.util.Objects.equals(keyHash, that.keyHash);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(caller, keyHash);
    }
}
