package io.consentinel.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentinel.web.Violation;
import io.consentinel.zones.DecisionRecord;
import io.consentinel.zones.WrittenDecision;
import java.util.List;
import tools.jackson.databind.annotation.JsonSerialize;

/** The answer for one event: its decision, or for an invalid batch item, its problems. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonSerialize(using = EventResultJson.class)
public record EventResult(
        String eventId,
        String outcome,
        @JsonInclude(JsonInclude.Include.ALWAYS) String zone,
        String policyVersion,
        List<String> reasons,
        List<DecisionRecord.Field> fields,
        Boolean duplicate,
        List<Violation> errors) {

    static final String INVALID = "invalid";

    static EventResult of(WrittenDecision written) {
        DecisionRecord d = written.decision();
        return new EventResult(
                d.eventId().toString(),
                d.outcome(),
                d.zone(),
                d.policyVersion(),
                d.reasons(),
                d.fields(),
                written.duplicate(),
                null);
    }

    public static EventResult invalid(String eventId, List<Violation> errors) {
        return new EventResult(eventId, INVALID, null, null, null, null, null, errors);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean stored() {
        return "accepted".equals(outcome) || "anonymised".equals(outcome);
    }

    record Batch(List<EventResult> results) {}
}
