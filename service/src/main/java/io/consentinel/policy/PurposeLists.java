package io.consentinel.policy;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads a list of purposes that must all be declared, such as {@code gpcDenies}. */
final class PurposeLists {

    private PurposeLists() {}

    static Set<String> read(Problems problems, Set<String> declared, JsonNode node, Pointer at) {
        Set<String> purposes = new LinkedHashSet<>();
        if (node == null) {
            return purposes;
        }
        if (!node.isArray()) {
            problems.add(at, "must be a list of declared purposes");
            return purposes;
        }
        for (int i = 0; i < node.size(); i++) {
            String purpose = problems.string(node.get(i), at.at(i));
            if (purpose == null) {
                continue;
            }
            if (!declared.contains(purpose)) {
                problems.add(at.at(i), "names the purpose '" + purpose + "', which is not declared in /purposes");
            } else if (!purposes.add(purpose)) {
                problems.add(at.at(i), "repeats the purpose '" + purpose + "'");
            }
        }
        return purposes;
    }
}
