package io.consentinel.web;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a request before failing, so callers fix them all in one round trip. */
public final class Violations {

    private final List<Violation> found = new ArrayList<>();

    public Violations add(String pointer, String detail) {
        found.add(new Violation(pointer, detail));
        return this;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Violation> list() {
        return List.copyOf(found);
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }

    /** RFC 6901: '~' and '/' inside a reference token are escaped. */
    public static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
