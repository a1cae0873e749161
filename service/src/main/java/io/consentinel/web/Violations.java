package io.consentinel.web;

import jakarta.validation.ConstraintViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Bean Validation's violations of a typed body, each at the JSON pointer of its property. */
    public static Violations of(Set<? extends ConstraintViolation<?>> violations) {
        Violations found = new Violations();
        violations.stream()
                .map(v -> new Violation(pointerOf(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(ORDER)
                .forEach(v -> found.found.add(v));
        return found;
    }

    /** Problems in a stable order: Bean Validation reports them in no particular one. */
    static final Comparator<Violation> ORDER =
            Comparator.comparing(Violation::pointer).thenComparing(Violation::detail);

    /** A bean property path ({@code a.b[2].c}, or empty for the object) as a JSON pointer ({@code /a/b/2/c}). */
    static String pointerOf(String propertyPath) {
        if (propertyPath.isEmpty()) {
            return "";
        }
        return Arrays.stream(propertyPath.replace("[", ".").replace("]", "").split("\\."))
                .map(Violations::token)
                .collect(Collectors.joining("/", "/", ""));
    }

    /** RFC 6901: '~' and '/' inside a reference token are escaped. */
    public static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
