package io.consentinel.policy;

import io.consentinel.decision.Jurisdiction;
import io.consentinel.decision.Policy;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads {@code jurisdictions}: per ISO 3166-1 country (or {@code "*"}), its zones and child rules. */
final class JurisdictionReader {

    private static final Set<String> PROPERTIES = Set.of("zones", "childAge", "childForbiddenPurposes");
    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
    // No law sets a child age above 21; a bigger number is a typo.
    private static final int MAX_CHILD_AGE = 21;

    private final Problems problems;
    private final Set<String> purposes;

    JurisdictionReader(Problems problems, Set<String> purposes) {
        this.problems = problems;
        this.purposes = purposes;
    }

    Map<String, Jurisdiction> read(JsonNode node, Pointer at) {
        Map<String, Jurisdiction> jurisdictions = new LinkedHashMap<>();
        if (node == null) {
            problems.add(at, "is required: without jurisdictions every event is rejected");
            return jurisdictions;
        }
        ObjectNode object =
                problems.object(node, at, "country code or \"*\" to {zones, childAge, childForbiddenPurposes}");
        if (object == null) {
            return jurisdictions;
        }
        if (object.isEmpty()) {
            problems.add(at, "must list at least one jurisdiction");
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            Pointer entryAt = at.at(entry.getKey());
            String key = entry.getKey();
            if (!key.equals(Policy.ANY_JURISDICTION) && !COUNTRIES.contains(key)) {
                problems.add(
                        entryAt,
                        "must be an ISO 3166-1 alpha-2 country code in upper case (such as IN or DE), or \"*\"");
                continue;
            }
            Jurisdiction jurisdiction = jurisdiction(entry.getValue(), entryAt);
            if (jurisdiction != null) {
                jurisdictions.put(key, jurisdiction);
            }
        }
        return jurisdictions;
    }

    private Jurisdiction jurisdiction(JsonNode node, Pointer at) {
        ObjectNode object = problems.object(node, at, "{zones, childAge, childForbiddenPurposes}");
        if (object == null) {
            return null;
        }
        int before = problems.count();
        problems.onlyKnown(object, at, PROPERTIES);
        List<String> zones = zones(object.get("zones"), at.at("zones"));
        JsonNode childAgeNode = object.get("childAge");
        Integer childAge =
                childAgeNode == null ? null : problems.intInRange(childAgeNode, at.at("childAge"), 1, MAX_CHILD_AGE);
        Set<String> forbidden = PurposeLists.read(
                problems, purposes, object.get("childForbiddenPurposes"), at.at("childForbiddenPurposes"));
        return problems.count() == before ? new Jurisdiction(zones, childAge, forbidden) : null;
    }

    private List<String> zones(JsonNode node, Pointer at) {
        if (node == null) {
            problems.add(
                    at, "is required: the zones this jurisdiction's data may be stored in, in order of preference");
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(at, "must list at least one zone");
            return List.of();
        }
        Set<String> zones = new LinkedHashSet<>();
        ArrayNode array = (ArrayNode) node;
        for (int i = 0; i < array.size(); i++) {
            String zone = problems.name(array.get(i), at.at(i), Names.ZONE, Names.ZONE_RULE);
            if (zone != null && !zones.add(zone)) {
                problems.add(at.at(i), "repeats the zone '" + zone + "'");
            }
        }
        return List.copyOf(zones);
    }
}
