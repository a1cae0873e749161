package io.consentinel.security;

import java.util.Locale;

/**
 * What a key may do. An {@code app} key is bound to one app id; a {@code collector} key (a consent
 * platform's or account service's backend) to none: it records and reads vendor-wide consent.
 */
public enum Role {
    APP,
    COLLECTOR,
    OFFICER,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        return null;
    }
}
