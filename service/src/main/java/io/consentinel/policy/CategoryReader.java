package io.consentinel.policy;

import io.consentinel.decision.Category;
import io.consentinel.decision.Operator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads {@code categories}: each a purpose (optional) and what happens without consent to it. */
final class CategoryReader {

    private static final Set<String> PROPERTIES = Set.of("purpose", "withoutConsent", "withConsent");

    private final Problems problems;
    private final Set<String> purposes;
    private final OperatorReader operators;

    CategoryReader(Problems problems, Set<String> purposes) {
        this.problems = problems;
        this.purposes = purposes;
        this.operators = new OperatorReader(problems);
    }

    /** The categories that are valid, by name; invalid ones are reported and left out. */
    Map<String, Category> read(JsonNode node, Pointer at) {
        return problems.namedEntries(
                node, at, "category name to {purpose, withoutConsent, withConsent}", "category", this::category);
    }

    private Category category(String name, JsonNode node, Pointer at) {
        if (node.isNull()) {
            return Category.unconditional(name); // "technical:" with nothing after it
        }
        ObjectNode object = problems.object(node, at, "{purpose, withoutConsent, withConsent}");
        if (object == null) {
            return null;
        }
        int before = problems.count();
        problems.onlyKnown(object, at, PROPERTIES);
        String purpose = problems.declaredPurpose(object, at, purposes);
        boolean purposeless = !object.hasNonNull("purpose");
        Operator withoutConsent = null;
        JsonNode operatorNode = object.get("withoutConsent");
        if (operatorNode != null) {
            withoutConsent = operators.read(operatorNode, at.at("withoutConsent"));
            if (purposeless) {
                // Without a purpose the field is always kept, so this operator would silently never run.
                problems.add(at.at("withoutConsent"), "has no effect: a category without a purpose is always kept");
            }
        }
        Operator withConsent = null;
        JsonNode minimisation = object.get("withConsent");
        if (minimisation != null) {
            withConsent = operators.read(minimisation, at.at("withConsent"));
            if (purposeless) {
                problems.add(at.at("withConsent"), "has no effect: a category without a purpose is always kept");
            }
        }
        // A category with a purpose and no withoutConsent drops the field (Category's default): fail closed.
        return problems.count() == before ? new Category(name, purpose, withoutConsent, withConsent) : null;
    }
}
