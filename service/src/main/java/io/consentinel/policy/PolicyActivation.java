package io.consentinel.policy;

import io.consentinel.control.ChangeKind;
import io.consentinel.control.ControlClock;
import io.consentinel.decision.Policy;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import java.net.URI;
import java.time.Clock;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Validates a policy document and makes it the active version. Versions are immutable and never reused. */
@Service
class PolicyActivation {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PolicyVersions versions;
    private final ControlClock clock;
    private final Clock time;

    PolicyActivation(PolicyVersions versions, ControlClock clock, Clock time) {
        this.versions = versions;
        this.clock = clock;
        this.time = time;
    }

    /** Parses and checks a document, throwing a 400 that lists every problem. */
    static Policy validated(JsonNode document) {
        PolicyParseResult result = PolicyParser.parse(document);
        if (!result.problems().isEmpty()) {
            throw new InvalidRequestException(result.problems().stream()
                    .map(problem -> new Violation(problem.pointer(), problem.detail()))
                    .toList());
        }
        return result.policy();
    }

    /** The version made active, and where it is served. */
    record Activated(PolicyVersion version, URI location) {}

    /** Where a version is served; the parser admits only versions that make this a valid URI. */
    static URI location(String version) {
        return URI.create("/v1/policy/versions/" + version);
    }

    @Transactional
    Activated activate(JsonNode document) {
        Policy policy = validated(document);
        if (versions.existsById(policy.version())) {
            throw ProblemException.conflict(
                    "Policy version " + policy.version() + " already exists; versions are immutable");
        }
        // Checked before anything is written, so that no version is activated that the answer cannot name.
        URI location = location(policy.version());
        // Activations take turns until commit, so the highest activation number is the latest activation.
        long activation = clock.recordInCommitOrder(ChangeKind.POLICY, policy.version());
        try {
            PolicyVersion saved = versions.saveAndFlush(
                    new PolicyVersion(policy.version(), JSON.writeValueAsString(document), time.instant(), activation));
            return new Activated(saved, location);
        } catch (DataIntegrityViolationException e) {
            throw ProblemException.conflict(
                    "Policy version " + policy.version() + " already exists; versions are immutable");
        }
    }
}
