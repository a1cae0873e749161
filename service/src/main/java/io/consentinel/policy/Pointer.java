package io.consentinel.policy;

/** An RFC 6901 JSON pointer, built one step at a time. */
record Pointer(String text) {

    static final Pointer ROOT = new Pointer("");

    Pointer at(String key) {
        // RFC 6901 section 3: '~' becomes "~0" first, then '/' becomes "~1".
        return new Pointer(text + "/" + key.replace("~", "~0").replace("/", "~1"));
    }

    Pointer at(int index) {
        return new Pointer(text + "/" + index);
    }

    @Override
    public String toString() {
        return text;
    }
}
