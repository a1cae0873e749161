package io.consentinel.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One kind of event in the policy: the purpose it is collected for (null when it needs none), how
 * each attribute path is classified, and how long it is kept. Immutable; the field paths are
 * compiled to a trie once, here, so that deciding never parses a path.
 */
public final class EventType {

    private final String purpose;
    private final Map<String, Category> fields;
    private final Integer retentionDays;
    private final FieldNode root;

    /**
     * @param fields path text (such as {@code tracks[].artist}) to category, in declaration order
     * @throws IllegalArgumentException for a malformed path or a path inside an already classified one
     */
    public EventType(String purpose, Map<String, Category> fields, Integer retentionDays) {
        Map<String, Category> copy = new LinkedHashMap<>(fields);
        Map<FieldPath, Category> parsed = new LinkedHashMap<>();
        copy.forEach((path, category) -> parsed.put(FieldPath.parse(path), Objects.requireNonNull(category, path)));
        this.purpose = purpose;
        this.fields = Collections.unmodifiableMap(copy);
        this.retentionDays = retentionDays;
        this.root = FieldNode.compile(parsed);
    }

    /** Stands in for an unknown type that the policy allows: no purpose, nothing classified. */
    static final EventType UNCLASSIFIED = new EventType(null, Map.of(), null);

    public String purpose() {
        return purpose;
    }

    public Map<String, Category> fields() {
        return fields;
    }

    public Integer retentionDays() {
        return retentionDays;
    }

    FieldNode root() {
        return root;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventType that
                && Objects.equals(purpose, that.purpose)
                && fields.equals(that.fields)
                && Objects.equals(retentionDays, that.retentionDays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purpose, fields, retentionDays);
    }

    @Override
    public String toString() {
        return "EventType[purpose=" + purpose + ", fields=" + fields + ", retentionDays=" + retentionDays + "]";
    }
}
