package io.consentinel.events;

import io.consentinel.consent.ConsentSnapshots;
import io.consentinel.decision.Decision;
import io.consentinel.decision.DecisionEngine;
import io.consentinel.decision.EventInput;
import io.consentinel.decision.Policy;
import io.consentinel.decision.Reason;
import io.consentinel.policy.ActivePolicy;
import io.consentinel.policy.PolicyDrafts;
import io.consentinel.security.Allowed;
import io.consentinel.security.Role;
import io.consentinel.web.InvalidRequestException;
import io.consentinel.web.Violation;
import io.consentinel.zones.ZoneStores;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A dry run: the decision an event would get now, under the active policy or a draft. Nothing is stored. */
@RestController
class EvaluateController {

    private final ActivePolicy activePolicy;
    private final ConsentSnapshots consents;
    private final DecisionEngine engine;
    private final ZoneStores stores;
    private final Ingestion ingestion;

    EvaluateController(
            ActivePolicy activePolicy,
            ConsentSnapshots consents,
            DecisionEngine engine,
            ZoneStores stores,
            Ingestion ingestion) {
        this.activePolicy = activePolicy;
        this.consents = consents;
        this.engine = engine;
        this.stores = stores;
        this.ingestion = ingestion;
    }

    @PostMapping("/v1/policy/evaluate")
    @Allowed({Role.OFFICER, Role.ADMIN})
    Evaluation evaluate(@RequestBody JsonNode body) {
        if (!body.isObject() || !body.has("event")) {
            throw new InvalidRequestException(List.of(new Violation("/event", "is required")));
        }
        Instant now = ingestion.now();
        EventRequests.Validated validated = EventRequests.validate(body.get("event"), now);
        if (validated.event() == null) {
            throw new InvalidRequestException(validated.violations().list().stream()
                    .map(v -> v.prefixed("/event"))
                    .toList());
        }
        JsonNode draft = body.get("policy");
        Policy policy =
                draft == null || draft.isNull() ? activePolicy.current() : PolicyDrafts.compile(draft, "/policy");
        EventInput event = validated.event();
        Decision d = engine.decide(
                event,
                consents.forSubjects(event.appId(), List.of(event.subjectId())).get(event.subjectId()),
                policy,
                stores.residencyZones(),
                now);
        return new Evaluation(
                event.eventId(),
                d.outcome().wireName(),
                d.zone(),
                d.policyVersion(),
                d.reasons().stream().map(Reason::name).toList(),
                d.fields().stream()
                        .map(f -> new Field(
                                f.path(), f.category(), f.action(), f.reason().name()))
                        .toList(),
                d.consentRecordIds(),
                d.storedAttributes());
    }

    record Evaluation(
            String eventId,
            String outcome,
            String zone,
            String policyVersion,
            List<String> reasons,
            List<Field> fields,
            List<String> consentRecordIds,
            ObjectNode storedAttributes) {}

    record Field(String path, String category, String action, String reason) {}
}
