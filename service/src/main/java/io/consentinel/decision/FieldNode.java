package io.consentinel.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of an event type's compiled field paths: a trie over member names and array elements.
 * Every {@link FieldAction} a node can produce is built once, at compile time, so the engine's hot
 * path neither concatenates strings nor allocates actions.
 */
final class FieldNode {

    private static final Reason[] REASONS = Reason.values();

    /** The path pattern that leads here, such as {@code tracks[].artist}; empty for the root. */
    final String pattern;
    /** The category of this whole subtree, or null when this node is not classified itself. */
    final Category category;
    /** The node for every element of an array here, or null. */
    final FieldNode elements;

    private final Map<String, FieldNode> members;
    private final FieldAction[] withoutConsent;
    private final FieldAction minimised;
    private final FieldAction invalidValue;
    private final FieldAction unclassifiedDrop;
    private final FieldAction unclassifiedReject;

    private FieldNode(String pattern, Category category, Map<String, FieldNode> members, FieldNode elements) {
        this.pattern = pattern;
        this.category = category;
        this.members = members;
        this.elements = elements;
        this.withoutConsent = new FieldAction[REASONS.length];
        if (category != null) {
            for (Reason reason : REASONS) {
                withoutConsent[reason.ordinal()] = new FieldAction(
                        pattern, category.name(), category.withoutConsent().wireName(), reason);
            }
        }
        String categoryName = category == null ? null : category.name();
        this.minimised = category == null || !category.minimised()
                ? null
                : new FieldAction(pattern, categoryName, category.withConsent().wireName(), Reason.MINIMISED);
        this.invalidValue = new FieldAction(pattern, categoryName, "drop", Reason.INVALID_VALUE);
        this.unclassifiedDrop = new FieldAction(pattern, null, "drop", Reason.UNCLASSIFIED_FIELD);
        this.unclassifiedReject = new FieldAction(pattern, null, "reject", Reason.UNCLASSIFIED_FIELD);
    }

    /** The root of a trie in which nothing is classified. */
    static FieldNode empty() {
        return new FieldNode("", null, Map.of(), null);
    }

    /**
     * Compiles paths to a trie.
     *
     * @throws IllegalArgumentException for a malformed path, or a path inside an already classified one
     */
    static FieldNode compile(Map<FieldPath, Category> fields) {
        Draft root = new Draft("");
        for (Map.Entry<FieldPath, Category> field : fields.entrySet()) {
            Draft node = root;
            for (String step : field.getKey().steps()) {
                node = node.child(step);
            }
            node.category = field.getValue();
        }
        root.requireNothingClassifiedBelowAClassifiedNode(null);
        return root.freeze();
    }

    FieldNode member(String name) {
        return members.get(name);
    }

    /**
     * The node a member key leads to, reading a key with dots as the path it spells: {@code "device.imei"}
     * leads where {@code device} then {@code imei} would. The walk stops at a classified node, since that
     * category covers its whole subtree, and at a step the trie does not know (null: unclassified).
     */
    FieldNode descendant(String key) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return members.get(key); // the usual case: no substring, no allocation
        }
        FieldNode at = this;
        int start = 0;
        while (true) {
            at = at.members.get(key.substring(start, dot < 0 ? key.length() : dot));
            if (at == null || at.category != null || dot < 0) {
                return at;
            }
            start = dot + 1;
            dot = key.indexOf('.', start);
        }
    }

    FieldAction withoutConsent(Reason reason) {
        return withoutConsent[reason.ordinal()];
    }

    FieldAction minimised() {
        return minimised;
    }

    FieldAction invalidValue() {
        return invalidValue;
    }

    FieldAction unclassified(Policy.UnclassifiedFields handling) {
        return handling == Policy.UnclassifiedFields.REJECT ? unclassifiedReject : unclassifiedDrop;
    }

    /** The mutable form used while compiling. */
    private static final class Draft {
        private final String pattern;
        private final Map<String, Draft> members = new LinkedHashMap<>();
        private Draft elements;
        private Category category;

        Draft(String pattern) {
            this.pattern = pattern;
        }

        Draft child(String step) {
            if (FieldPath.ELEMENT.equals(step)) {
                if (elements == null) {
                    elements = new Draft(pattern + FieldPath.ELEMENT);
                }
                return elements;
            }
            return members.computeIfAbsent(step, name -> new Draft(pattern.isEmpty() ? name : pattern + "." + name));
        }

        // A classified node takes its whole subtree; a deeper path would be silently ignored, which
        // is never what the author meant, so it is refused instead.
        void requireNothingClassifiedBelowAClassifiedNode(String classifiedAbove) {
            if (category != null && classifiedAbove != null) {
                throw new IllegalArgumentException("field path '" + pattern + "' lies inside '" + classifiedAbove
                        + "', which is already classified");
            }
            String above = category != null ? pattern : classifiedAbove;
            for (Draft child : children()) {
                child.requireNothingClassifiedBelowAClassifiedNode(above);
            }
        }

        private List<Draft> children() {
            List<Draft> children = new ArrayList<>(members.values());
            if (elements != null) {
                children.add(elements);
            }
            return children;
        }

        FieldNode freeze() {
            Map<String, FieldNode> frozen = new LinkedHashMap<>();
            members.forEach((name, draft) -> frozen.put(name, draft.freeze()));
            return new FieldNode(pattern, category, Map.copyOf(frozen), elements == null ? null : elements.freeze());
        }
    }
}
