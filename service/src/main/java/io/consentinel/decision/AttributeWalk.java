package io.consentinel.decision;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks one event's attributes along the event type's field trie and builds what may be stored.
 * The input is never mutated; an unchanged subtree is returned as the same instance, so an event
 * whose fields are all kept costs no copying at all. Not thread-safe: one instance per decision.
 */
final class AttributeWalk {

    private final Policy.UnclassifiedFields unclassifiedFields;
    private final PurposeGrants grants;
    private final Pseudonymiser pseudonymiser;
    private List<FieldAction> fields;
    private FieldAction rejection;

    AttributeWalk(Policy.UnclassifiedFields unclassifiedFields, PurposeGrants grants, Pseudonymiser pseudonymiser) {
        this.unclassifiedFields = unclassifiedFields;
        this.grants = grants;
        this.pseudonymiser = pseudonymiser;
    }

    /** What may be stored, or null when a field rejects the event (see {@link #rejection()}). */
    ObjectNode apply(ObjectNode attributes, FieldNode root) {
        JsonNode stored = walkObject(attributes, root, null);
        if (rejection != null) {
            return null;
        }
        return stored == null ? Nodes.FACTORY.objectNode() : (ObjectNode) stored;
    }

    /** The field that rejected the event, or null. */
    FieldAction rejection() {
        return rejection;
    }

    /** Every field not kept as it came, de-duplicated, in walk order. */
    List<FieldAction> fields() {
        return fields == null ? List.of() : fields;
    }

    // node is null outside the trie; trail then says how we got there, for reporting only.
    private JsonNode walk(JsonNode value, FieldNode node, Trail trail) {
        if (node != null && node.category != null) {
            return applyCategory(value, node);
        }
        if (value.isObject() && !value.isEmpty()) {
            return walkObject((ObjectNode) value, node, trail);
        }
        if (value.isArray() && !value.isEmpty()) {
            return walkArray((ArrayNode) value, node, trail);
        }
        return unclassifiedLeaf(node, trail);
    }

    private JsonNode applyCategory(JsonNode value, FieldNode node) {
        Category category = node.category;
        if (category.purpose() == null) {
            return value;
        }
        Reason denial = grants.denial(category.purpose());
        if (denial == null) {
            return category.minimised() ? apply(category.withConsent(), value, node, node.minimised()) : value;
        }
        return apply(category.withoutConsent(), value, node, node.withoutConsent(denial));
    }

    private JsonNode apply(Operator operator, JsonNode value, FieldNode node, FieldAction action) {
        return switch (operator) {
            case Operator.Keep keep -> value;
            case Operator.Drop drop -> record(action);
            case Operator.Reject reject -> reject(action);
            case Operator.Transform transform -> {
                JsonNode rewritten = transform.apply(value, pseudonymiser);
                if (rewritten == null) {
                    yield record(node.invalidValue());
                }
                record(action);
                yield rewritten;
            }
        };
    }

    private JsonNode unclassifiedLeaf(FieldNode node, Trail trail) {
        FieldAction action = node != null
                ? node.unclassified(unclassifiedFields)
                : new FieldAction(trail.render(), null, unclassifiedAction(), Reason.UNCLASSIFIED_FIELD);
        return unclassifiedFields == Policy.UnclassifiedFields.REJECT ? reject(action) : record(action);
    }

    private String unclassifiedAction() {
        return unclassifiedFields == Policy.UnclassifiedFields.REJECT ? "reject" : "drop";
    }

    private JsonNode walkObject(ObjectNode object, FieldNode node, Trail trail) {
        ObjectNode copy = null;
        int index = 0;
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            String name = member.getKey();
            JsonNode in = member.getValue();
            // A dotted key ("device.imei") is classified as the path it spells, never as one opaque name.
            FieldNode child = node == null ? null : node.descendant(name);
            JsonNode out = walk(in, child, child == null ? Trail.member(node, trail, name) : null);
            if (rejection != null) {
                return null;
            }
            if (copy == null && out != in) {
                copy = copyOfFirst(object, index);
            }
            if (copy != null && out != null) {
                copy.set(name, out);
            }
            index++;
        }
        if (copy == null) {
            return object;
        }
        // A container left empty only because its members were dropped goes too.
        return copy.isEmpty() ? null : copy;
    }

    private JsonNode walkArray(ArrayNode array, FieldNode node, Trail trail) {
        FieldNode child = node == null ? null : node.elements;
        Trail childTrail = child == null ? Trail.element(node, trail) : null;
        ArrayNode copy = null;
        for (int i = 0; i < array.size(); i++) {
            JsonNode in = array.get(i);
            JsonNode out = walk(in, child, childTrail);
            if (rejection != null) {
                return null;
            }
            if (copy == null && out != in) {
                copy = Nodes.FACTORY.arrayNode(array.size());
                for (int j = 0; j < i; j++) {
                    copy.add(array.get(j));
                }
            }
            if (copy != null && out != null) {
                copy.add(out);
            }
        }
        if (copy == null) {
            return array;
        }
        return copy.isEmpty() ? null : copy;
    }

    private static ObjectNode copyOfFirst(ObjectNode object, int count) {
        ObjectNode copy = Nodes.FACTORY.objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = object.properties().iterator();
        for (int i = 0; i < count; i++) {
            Map.Entry<String, JsonNode> member = members.next();
            copy.set(member.getKey(), member.getValue());
        }
        return copy;
    }

    private JsonNode record(FieldAction action) {
        if (fields == null) {
            fields = new ArrayList<>(4);
        }
        for (FieldAction known : fields) {
            if (known == action || known.equals(action)) {
                return null;
            }
        }
        fields.add(action);
        return null;
    }

    private JsonNode reject(FieldAction action) {
        rejection = action;
        return null;
    }

    /** The path to a place outside the trie: where the trie ended, then the steps beyond it. */
    private record Trail(Trail parent, String base, String member) {

        static Trail member(FieldNode node, Trail trail, String name) {
            return new Trail(trail, node == null ? null : node.pattern, name);
        }

        static Trail element(FieldNode node, Trail trail) {
            return new Trail(trail, node == null ? null : node.pattern, null);
        }

        String render() {
            return appendTo(new StringBuilder()).toString();
        }

        private StringBuilder appendTo(StringBuilder out) {
            if (parent != null) {
                parent.appendTo(out);
            } else {
                out.append(base);
            }
            if (member == null) {
                return out.append(FieldPath.ELEMENT);
            }
            return (out.isEmpty() ? out : out.append('.')).append(member);
        }
    }
}
