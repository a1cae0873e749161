package io.consentinel.policy;

import io.consentinel.decision.Category;
import io.consentinel.decision.EventType;
import io.consentinel.decision.Jurisdiction;
import io.consentinel.decision.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Validates a policy document and compiles it. Every problem is reported, each with a JSON pointer,
 * not only the first, so that an author fixes a document in one round. Pure: no Spring, no I/O.
 */
public final class PolicyParser {

    // activatedAt is accepted and ignored, so that a policy read with GET can be PUT back with a new version.
    private static final Set<String> PROPERTIES = new LinkedHashSet<>(List.of(
            "version",
            "purposes",
            "categories",
            "eventTypes",
            "unclassifiedFields",
            "unknownEventTypes",
            "jurisdictions",
            "tcf",
            "gpcDenies",
            "retentionDays",
            "activatedAt",
            "eventNames",
            "inBandConsent",
            "gppOptOuts"));
    private static final int MAX_VERSION_LENGTH = 64;
    private static final Pattern SERVABLE_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~+:@-]*");
    private static final int MIN_TCF_PURPOSE = 1;
    private static final int MAX_TCF_PURPOSE = 11;

    private final Problems problems = new Problems();
    /** Whether the version must be servable; see {@link #parseStored}. */
    private final boolean newVersion;

    private PolicyParser(boolean newVersion) {
        this.newVersion = newVersion;
    }

    /** Validates and compiles a document already read into a tree. */
    public static PolicyParseResult parse(JsonNode document) {
        return new PolicyParser(true).compile(document);
    }

    /**
     * Compiles a version already stored in the control store. Versions activated before the servable-
     * version rule existed may break it; they stay usable (they are in decisions already), and only a new
     * version must be servable.
     */
    static PolicyParseResult parseStored(JsonNode document) {
        return new PolicyParser(false).compile(document);
    }

    /** Reads YAML or JSON text, then validates and compiles it; a syntax error is a problem at {@code ""}. */
    public static PolicyParseResult parseText(String text) {
        try {
            return parse(PolicyDocuments.read(text));
        } catch (PolicySyntaxException e) {
            return new PolicyParseResult(null, List.of(e.problem()));
        }
    }

    private PolicyParseResult compile(JsonNode document) {
        if (document == null || document.isMissingNode() || document.isNull()) {
            problems.add(Pointer.ROOT, "the policy document is empty");
            return failed();
        }
        ObjectNode root = problems.object(document, Pointer.ROOT, "a policy document");
        if (root == null) {
            return failed();
        }
        problems.onlyKnown(root, Pointer.ROOT, PROPERTIES);
        String version = version(root.get("version"), Pointer.ROOT.at("version"));
        Set<String> purposes = purposes(root.get("purposes"), Pointer.ROOT.at("purposes"));
        Map<String, Category> categories =
                new CategoryReader(problems, purposes).read(root.get("categories"), Pointer.ROOT.at("categories"));
        Set<String> declaredCategories = root.get("categories") instanceof ObjectNode declared
                ? new LinkedHashSet<>(declared.propertyNames())
                : Set.of();
        Map<String, EventType> eventTypes = new EventTypeReader(problems, purposes, categories, declaredCategories)
                .read(root.get("eventTypes"), Pointer.ROOT.at("eventTypes"));
        Policy.UnclassifiedFields unclassified = choice(
                root.get("unclassifiedFields"),
                Pointer.ROOT.at("unclassifiedFields"),
                Policy.UnclassifiedFields.values(),
                Policy.UnclassifiedFields.DROP,
                Policy.UnclassifiedFields::wireName);
        Policy.UnknownEventTypes unknownTypes = choice(
                root.get("unknownEventTypes"),
                Pointer.ROOT.at("unknownEventTypes"),
                Policy.UnknownEventTypes.values(),
                Policy.UnknownEventTypes.REJECT,
                Policy.UnknownEventTypes::wireName);
        Map<String, Jurisdiction> jurisdictions = new JurisdictionReader(problems, purposes)
                .read(root.get("jurisdictions"), Pointer.ROOT.at("jurisdictions"));
        Map<String, List<Integer>> tcf = tcf(root.get("tcf"), Pointer.ROOT.at("tcf"), purposes);
        Set<String> gpcDenies =
                PurposeLists.read(problems, purposes, root.get("gpcDenies"), Pointer.ROOT.at("gpcDenies"));
        MappingReader mappings = new MappingReader(problems, purposes);
        Set<String> declaredTypes = root.get("eventTypes") instanceof ObjectNode declared
                ? new LinkedHashSet<>(declared.propertyNames())
                : Set.of();
        Map<String, String> eventNames =
                mappings.eventNames(root.get("eventNames"), Pointer.ROOT.at("eventNames"), declaredTypes);
        Map<String, String> inBandConsent =
                mappings.inBandConsent(root.get("inBandConsent"), Pointer.ROOT.at("inBandConsent"));
        Map<Policy.GppOptOut, Set<String>> gppOptOuts =
                mappings.gppOptOuts(root.get("gppOptOuts"), Pointer.ROOT.at("gppOptOuts"));
        JsonNode retention = root.get("retentionDays");
        Integer retentionDays =
                retention == null ? null : problems.positiveInt(retention, Pointer.ROOT.at("retentionDays"));
        if (!problems.none()) {
            return failed();
        }
        Policy policy = new Policy(
                version,
                purposes,
                categories,
                eventTypes,
                unclassified,
                unknownTypes,
                jurisdictions,
                tcf,
                gpcDenies,
                retentionDays,
                eventNames,
                inBandConsent,
                gppOptOuts);
        return new PolicyParseResult(policy, List.of());
    }

    private PolicyParseResult failed() {
        return new PolicyParseResult(null, problems.all());
    }

    private String version(JsonNode node, Pointer at) {
        if (node == null) {
            problems.add(at, "is required: every decision records the policy version that made it");
            return null;
        }
        String version = problems.string(node, at);
        if (version != null && version.isBlank()) {
            problems.add(at, "must not be blank");
        } else if (version != null
                && (version.length() > MAX_VERSION_LENGTH
                        || !version.strip().equals(version)
                        || version.chars().anyMatch(Character::isISOControl))) {
            problems.add(
                    at,
                    "must be at most " + MAX_VERSION_LENGTH
                            + " characters, without control characters or surrounding spaces");
        } else if (version != null
                && newVersion
                && !SERVABLE_VERSION.matcher(version).matches()) {
            // The version is served at /v1/policy/versions/{version}: it must be one path segment that
            // reaches the same version back, with nothing the web server refuses (an encoded slash) or
            // strips (a ";" parameter), and nothing that needs encoding in the Location header.
            problems.add(
                    at,
                    "must be usable as a URL path segment: letters, digits and . _ ~ + : @ - only,"
                            + " starting with a letter or digit");
        }
        return version;
    }

    private Set<String> purposes(JsonNode node, Pointer at) {
        Set<String> purposes = new LinkedHashSet<>();
        if (node == null) {
            problems.add(at, "is required: the purposes that consent is given or denied for");
            return purposes;
        }
        if (!node.isArray()) {
            problems.add(at, "must be a list of purpose names");
            return purposes;
        }
        if (node.isEmpty()) {
            problems.add(at, "must list at least one purpose");
        }
        ArrayNode array = (ArrayNode) node;
        for (int i = 0; i < array.size(); i++) {
            String purpose = problems.name(array.get(i), at.at(i), Names.KEY, Names.KEY_RULE);
            if (purpose != null && !purposes.add(purpose)) {
                problems.add(at.at(i), "repeats the purpose '" + purpose + "'");
            }
        }
        return purposes;
    }

    private <E> E choice(
            JsonNode node, Pointer at, E[] options, E fallback, java.util.function.Function<E, String> wireName) {
        if (node == null) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (E option : options) {
            if (node.isString() && wireName.apply(option).equals(node.stringValue())) {
                return option;
            }
            names.add(wireName.apply(option));
        }
        problems.add(at, "must be one of " + String.join(", ", names));
        return fallback;
    }

    private Map<String, List<Integer>> tcf(JsonNode node, Pointer at, Set<String> purposes) {
        Map<String, List<Integer>> tcf = new LinkedHashMap<>();
        if (node == null) {
            return tcf;
        }
        ObjectNode object = problems.object(node, at, "purpose to TCF purpose numbers");
        if (object == null) {
            return tcf;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Pointer purposeAt = at.at(entry.getKey());
            if (!purposes.contains(entry.getKey())) {
                problems.add(purposeAt, "is not a purpose declared in /purposes");
            }
            JsonNode numbers = entry.getValue();
            // An empty list would grant the purpose from any TC string: "all of none" is always true.
            if (!numbers.isArray() || numbers.isEmpty()) {
                problems.add(purposeAt, "must list at least one TCF purpose number (1 to 11)");
                continue;
            }
            List<Integer> valid = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                Integer number = problems.intInRange(numbers.get(i), purposeAt.at(i), MIN_TCF_PURPOSE, MAX_TCF_PURPOSE);
                if (number != null) {
                    valid.add(number);
                }
            }
            tcf.put(entry.getKey(), valid);
        }
        return tcf;
    }
}
