package io.consentinel.policy;

import io.consentinel.decision.Category;
import io.consentinel.decision.EventType;
import io.consentinel.decision.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads {@code eventTypes}: each a purpose (optional), its field classification and its retention. */
final class EventTypeReader {

    private static final Set<String> PROPERTIES = Set.of("purpose", "fields", "retentionDays");

    private final Problems problems;
    private final Set<String> purposes;
    private final Map<String, Category> categories;
    private final Set<String> declaredCategories;

    /**
     * @param declaredCategories every category key in the document, valid or not, so that a field
     *     naming an invalid category is not reported twice
     */
    EventTypeReader(
            Problems problems, Set<String> purposes, Map<String, Category> categories, Set<String> declaredCategories) {
        this.problems = problems;
        this.purposes = purposes;
        this.categories = categories;
        this.declaredCategories = declaredCategories;
    }

    Map<String, EventType> read(JsonNode node, Pointer at) {
        return problems.namedEntries(
                node,
                at,
                "event type name to {purpose, fields, retentionDays}",
                "event type",
                (name, value, typeAt) -> eventType(value, typeAt));
    }

    private EventType eventType(JsonNode node, Pointer at) {
        ObjectNode object = problems.object(node, at, "{purpose, fields, retentionDays}");
        if (object == null) {
            return null;
        }
        int before = problems.count();
        problems.onlyKnown(object, at, PROPERTIES);
        String purpose = problems.declaredPurpose(object, at, purposes);
        Map<String, Category> fields = fields(object.get("fields"), at.at("fields"));
        JsonNode retention = object.get("retentionDays");
        Integer retentionDays = retention == null ? null : problems.positiveInt(retention, at.at("retentionDays"));
        return problems.count() == before ? new EventType(purpose, fields, retentionDays) : null;
    }

    private Map<String, Category> fields(JsonNode node, Pointer at) {
        Map<String, Category> fields = new LinkedHashMap<>();
        if (node == null) {
            return fields;
        }
        ObjectNode object = problems.object(node, at, "field path to category name");
        if (object == null) {
            return fields;
        }
        List<FieldPath> classified = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Pointer fieldAt = at.at(entry.getKey());
            FieldPath path = path(entry.getKey(), fieldAt);
            String categoryName = problems.string(entry.getValue(), fieldAt);
            Category category = categoryName == null ? null : categories.get(categoryName);
            if (categoryName != null && !declaredCategories.contains(categoryName)) {
                problems.add(
                        fieldAt, "names the category '" + categoryName + "', which is not declared in /categories");
            }
            if (path != null) {
                requireOutsideClassified(path, classified, fieldAt);
                classified.add(path);
            }
            if (path != null && category != null) {
                fields.put(entry.getKey(), category);
            }
        }
        return fields;
    }

    private FieldPath path(String text, Pointer at) {
        try {
            return FieldPath.parse(text);
        } catch (IllegalArgumentException malformed) {
            problems.add(at, "is not a valid field path: " + malformed.getMessage());
            return null;
        }
    }

    // A classified path takes its whole subtree, so a path inside it would be silently ignored.
    private void requireOutsideClassified(FieldPath path, List<FieldPath> classified, Pointer at) {
        for (FieldPath other : classified) {
            if (path.isInside(other) || other.isInside(path)) {
                FieldPath outer = path.isInside(other) ? other : path;
                FieldPath inner = path.isInside(other) ? path : other;
                problems.add(
                        at,
                        "'" + inner + "' lies inside '" + outer
                                + "', which is classified as a whole; classify the parts of '" + outer + "' instead");
            }
        }
    }
}
