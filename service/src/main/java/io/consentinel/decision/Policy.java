package io.consentinel.decision;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One compiled, immutable policy version: the purposes, the data categories, how each event type's
 * fields are classified, and the residency rules per jurisdiction. Build it with
 * {@code io.consentinel.policy.PolicyParser}, which reports every mistake in a document; the checks
 * here only guard against programming errors. Collections keep their declaration order.
 */
public record Policy(
        String version,
        Set<String> purposes,
        Map<String, Category> categories,
        Map<String, EventType> eventTypes,
        UnclassifiedFields unclassifiedFields,
        UnknownEventTypes unknownEventTypes,
        Map<String, Jurisdiction> jurisdictions,
        Map<String, List<Integer>> tcf,
        Set<String> gpcDenies,
        Integer retentionDays,
        Map<String, String> eventNames,
        Map<String, String> inBandConsent,
        Map<GppOptOut, Set<String>> gppOptOuts) {

    /** The jurisdiction key that applies to every country not listed on its own. */
    public static final String ANY_JURISDICTION = "*";

    /** The opt-outs of a GPP US section, each denying the purposes the policy lists for it. */
    public enum GppOptOut {
        SALE("sale"),
        SHARING("sharing"),
        TARGETED_ADVERTISING("targetedAdvertising");

        private final String wireName;

        GppOptOut(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** What happens to an attribute that no field path classifies. */
    public enum UnclassifiedFields {
        DROP,
        REJECT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happens to an event whose type the policy does not define. */
    public enum UnknownEventTypes {
        REJECT,
        ALLOW;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Policy {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("a policy needs a version");
        }
        purposes = orderedSet(purposes);
        if (purposes.isEmpty()) {
            throw new IllegalArgumentException("a policy needs at least one purpose");
        }
        categories = orderedMap(categories);
        eventTypes = orderedMap(eventTypes);
        unclassifiedFields = unclassifiedFields == null ? UnclassifiedFields.DROP : unclassifiedFields;
        unknownEventTypes = unknownEventTypes == null ? UnknownEventTypes.REJECT : unknownEventTypes;
        jurisdictions = orderedMap(jurisdictions);
        Map<String, List<Integer>> tcfCopy = new LinkedHashMap<>();
        if (tcf != null) {
            tcf.forEach((purpose, numbers) -> tcfCopy.put(purpose, List.copyOf(numbers)));
        }
        tcf = Collections.unmodifiableMap(tcfCopy);
        gpcDenies = orderedSet(gpcDenies);
        eventNames = orderedMap(eventNames);
        inBandConsent = orderedMap(inBandConsent);
        Map<GppOptOut, Set<String>> optOuts = new java.util.EnumMap<>(GppOptOut.class);
        if (gppOptOuts != null) {
            gppOptOuts.forEach((optOut, denied) -> optOuts.put(optOut, orderedSet(denied)));
        }
        gppOptOuts = Collections.unmodifiableMap(optOuts);
        requireReferencesResolve(purposes, categories, eventTypes, jurisdictions, tcf, gpcDenies);
        for (Map.Entry<String, String> name : eventNames.entrySet()) {
            if (!eventTypes.containsKey(name.getValue())) {
                throw new IllegalArgumentException("event name " + name.getKey() + " maps to an undefined event type");
            }
        }
        requireAllDeclared(purposes, inBandConsent.values(), "inBandConsent");
        for (Set<String> denied : gppOptOuts.values()) {
            requireAllDeclared(purposes, denied, "gppOptOuts");
        }
    }

    /** A policy without SDK event names, in-band consent or GPP opt-outs. */
    public Policy(
            String version,
            Set<String> purposes,
            Map<String, Category> categories,
            Map<String, EventType> eventTypes,
            UnclassifiedFields unclassifiedFields,
            UnknownEventTypes unknownEventTypes,
            Map<String, Jurisdiction> jurisdictions,
            Map<String, List<Integer>> tcf,
            Set<String> gpcDenies,
            Integer retentionDays) {
        this(
                version,
                purposes,
                categories,
                eventTypes,
                unclassifiedFields,
                unknownEventTypes,
                jurisdictions,
                tcf,
                gpcDenies,
                retentionDays,
                null,
                null,
                null);
    }

    private static void requireReferencesResolve(
            Set<String> purposes,
            Map<String, Category> categories,
            Map<String, EventType> eventTypes,
            Map<String, Jurisdiction> jurisdictions,
            Map<String, List<Integer>> tcf,
            Set<String> gpcDenies) {
        categories.forEach((name, category) -> {
            requireDeclared(purposes, category.purpose(), "category " + name);
            if (!name.equals(category.name())) {
                throw new IllegalArgumentException("category " + name + " is named " + category.name());
            }
        });
        eventTypes.forEach((name, type) -> {
            requireDeclared(purposes, type.purpose(), "event type " + name);
            type.fields().forEach((path, category) -> {
                if (!category.equals(categories.get(category.name()))) {
                    throw new IllegalArgumentException(
                            "event type " + name + " field " + path + " uses an undeclared category");
                }
            });
        });
        jurisdictions
                .values()
                .forEach(j -> requireAllDeclared(purposes, j.childForbiddenPurposes(), "childForbiddenPurposes"));
        requireAllDeclared(purposes, tcf.keySet(), "tcf");
        requireAllDeclared(purposes, gpcDenies, "gpcDenies");
    }

    private static void requireAllDeclared(Set<String> purposes, Collection<String> used, String where) {
        used.forEach(purpose -> requireDeclared(purposes, purpose, where));
    }

    private static void requireDeclared(Set<String> purposes, String purpose, String where) {
        if (purpose != null && !purposes.contains(purpose)) {
            throw new IllegalArgumentException(where + " names the undeclared purpose " + purpose);
        }
    }

    /**
     * The event type an SDK's event name stands for, through {@code eventNames}; a name not listed
     * is taken as the type itself (and then usually unknown).
     */
    public String eventTypeForName(String name) {
        return eventNames.getOrDefault(name, name);
    }

    /**
     * The purposes that the consent categories a message denies stand for, through {@code inBandConsent};
     * a category the policy does not map denies nothing.
     */
    public Set<String> purposesDeniedInBand(Set<String> deniedCategories) {
        if (deniedCategories.isEmpty() || inBandConsent.isEmpty()) {
            return Set.of();
        }
        Set<String> denied = new LinkedHashSet<>();
        for (String category : deniedCategories) {
            String purpose = inBandConsent.get(category);
            if (purpose != null) {
                denied.add(purpose);
            }
        }
        return denied;
    }

    /** Whether the policy defines this event type. */
    public boolean hasEventType(String type) {
        return eventTypes.containsKey(type);
    }

    /** The event type, or null when the policy does not define it. */
    public EventType eventType(String type) {
        return eventTypes.get(type);
    }

    /** The rules for a country: its own entry, else the {@code "*"} entry, else null (unsupported). */
    public Jurisdiction jurisdictionFor(String country) {
        Jurisdiction own = jurisdictions.get(country);
        return own != null ? own : jurisdictions.get(ANY_JURISDICTION);
    }

    /** Every zone that any jurisdiction names, in first-mention order. */
    public Set<String> zones() {
        Set<String> zones = new LinkedHashSet<>();
        jurisdictions.values().forEach(j -> zones.addAll(j.zones()));
        return Collections.unmodifiableSet(zones);
    }

    private static Set<String> orderedSet(Collection<String> values) {
        if (values == null) {
            return Set.of();
        }
        values.forEach(v -> Objects.requireNonNull(v, "null element"));
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static <V> Map<String, V> orderedMap(Map<String, V> values) {
        if (values == null) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
