package io.consentinel.decision;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules for subjects of one country: the residency zones their data may be written to, in order
 * of preference, the age under which they are children, and the purposes that are never granted for
 * a child whatever the consent says (DPDP s.9(3)).
 */
public record Jurisdiction(List<String> zones, Integer childAge, Set<String> childForbiddenPurposes) {

    public Jurisdiction {
        zones = List.copyOf(zones);
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("a jurisdiction needs at least one zone");
        }
        childForbiddenPurposes = childForbiddenPurposes == null
                ? Set.of()
                : Collections.unmodifiableSet(new LinkedHashSet<>(childForbiddenPurposes));
    }
}
