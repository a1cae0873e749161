package io.consentinel.control;

/** What changed in the control store; each kind is cached by one feature. */
public enum ChangeKind {
    CONSENT,
    POLICY,
    KEY;

    String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static ChangeKind fromWire(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
