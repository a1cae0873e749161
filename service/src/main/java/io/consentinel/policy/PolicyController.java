package io.consentinel.policy;

import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.ProblemException;
import io.consentinel.web.Violation;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the policy and its versions; admins activate new versions (JSON or YAML). */
@RestController
@RequestMapping("/v1/policy")
class PolicyController {

    static final String YAML = "application/yaml";

    private final ActivePolicy activePolicy;
    private final PolicyActivation activation;
    private final PolicyVersions versions;

    PolicyController(ActivePolicy activePolicy, PolicyActivation activation, PolicyVersions versions) {
        this.activePolicy = activePolicy;
        this.activation = activation;
        this.versions = versions;
    }

    @GetMapping
    @Allowed({Role.APP, Role.COLLECTOR, Role.OFFICER, Role.ADMIN})
    JsonNode active() {
        ActivePolicy.Active active = activePolicy.active();
        return withActivation(active.document(), active.activatedAt());
    }

    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, YAML, "application/x-yaml", "text/yaml"})
    @Allowed(Role.ADMIN)
    ResponseEntity<JsonNode> activate(@RequestBody String body) {
        JsonNode document = readable(body);
        PolicyActivation.Activated activated = activation.activate(document);
        return ResponseEntity.created(activated.location())
                .body(withActivation(document, activated.version().activatedAt()));
    }

    @GetMapping("/versions")
    @Allowed({Role.OFFICER, Role.ADMIN})
    VersionList versions() {
        List<PolicyVersion> all = versions.findAllByOrderByActivationSeqDesc();
        String activeVersion = all.isEmpty() ? null : all.getFirst().version();
        return new VersionList(all.stream()
                .map(v -> new VersionSummary(
                        v.version(), v.createdAt(), v.activatedAt(), v.version().equals(activeVersion)))
                .toList());
    }

    @GetMapping("/versions/{version}")
    @Allowed({Role.OFFICER, Role.ADMIN})
    JsonNode version(@PathVariable String version) {
        PolicyVersion found =
                versions.findById(version).orElseThrow(() -> ProblemException.notFound("Policy version " + version));
        return withActivation(PolicyDocuments.read(found.document()), found.activatedAt());
    }

    /** YAML or JSON (YAML 1.2 reads both); a syntax error is a 400 that never quotes the text. */
    static JsonNode readable(String body) {
        try {
            JsonNode document = PolicyDocuments.read(body);
            if (!document.isObject()) {
                throw new InvalidRequestException(List.of(new Violation("", "a policy document must be an object")));
            }
            return document;
        } catch (PolicySyntaxException e) {
            throw new InvalidRequestException(
                    List.of(new Violation(e.problem().pointer(), e.problem().detail())));
        }
    }

    private static JsonNode withActivation(JsonNode document, Instant activatedAt) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        copy.put("activatedAt", activatedAt.toString());
        return copy;
    }

    record VersionList(List<VersionSummary> versions) {}

    record VersionSummary(String version, Instant createdAt, Instant activatedAt, boolean active) {}
}
