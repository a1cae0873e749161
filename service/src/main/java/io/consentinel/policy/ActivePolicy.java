package io.consentinel.policy;

import io.consentinel.control.CachedChanges;
import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.Policy;
import io.consentinel.web.StoreUnavailableException;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The active policy, compiled once and held in memory. An activation on any node evicts it everywhere
 * through the {@link ControlClock}, so the very next event is decided under the new version.
 */
@Component
public class ActivePolicy implements CachedChanges {

    private final PolicyVersions versions;
    private final ControlClock clock;
    private volatile Active active;

    ActivePolicy(PolicyVersions versions, ControlClock clock) {
        this.versions = versions;
        this.clock = clock;
    }

    public Policy current() {
        return active().policy();
    }

    /**
     * Whether {@code policy}, as {@link #current} gave it, is still this node's active policy: an activation
     * applied since evicts it, so a decision made under it is made again.
     */
    public boolean stillActive(Policy policy) {
        Active current = active;
        return current != null && current.policy() == policy;
    }

    Active active() {
        Active current = active;
        if (current == null) {
            current = clock.fill(this::load, loaded -> active = loaded);
        }
        return current;
    }

    private Active load() {
        PolicyVersion version = versions.findTopByOrderByActivationSeqDesc()
                .orElseThrow(() -> new StoreUnavailableException("No policy is active yet"));
        JsonNode document = PolicyDocuments.read(version.document());
        Policy policy = PolicyParser.parseStored(document).policy();
        if (policy == null) {
            throw new IllegalStateException("Stored policy " + version.version() + " no longer validates");
        }
        return new Active(policy, document, version.activatedAt());
    }

    @Override
    public ChangeKind kind() {
        return ChangeKind.POLICY;
    }

    @Override
    public void evict(String version) {
        active = null;
    }

    @Override
    public void evictAll() {
        active = null;
    }

    record Active(Policy policy, JsonNode document, Instant activatedAt) {}
}
