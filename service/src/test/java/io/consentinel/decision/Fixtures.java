package io.consentinel.decision;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import io.consentinel.policy.DefaultPolicy;
import io.consentinel.policy.PolicyParseResult;
import io.consentinel.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Shared builders for decision tests: JSON, events, consent histories and policies. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Policy DEFAULT_POLICY = DefaultPolicy.load();
    static final Pseudonymiser PSEUDONYMISER =
            new Pseudonymiser("k1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final DecisionEngine ENGINE = new DecisionEngine(PSEUDONYMISER);
    static final Instant OCCURRED = Instant.parse("2026-11-24T09:59:58Z");
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Instant BEFORE = Instant.parse("2026-11-01T00:00:00Z");
    static final Set<String> ALL_ZONES = Set.of("in", "eu", "us", "cn", "ru", "global");

    private Fixtures() {}

    static ObjectNode json(String json) {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    static JsonNode value(String json) {
        return JSON.readTree(json.replace('\'', '"'));
    }

    static EventInput event(String type, String attributesJson) {
        return event(type, "IN", attributesJson);
    }

    static EventInput event(String type, String jurisdiction, String attributesJson) {
        return new EventInput(
                "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11",
                "mi-browser",
                "u-1",
                type,
                OCCURRED,
                jurisdiction,
                json(attributesJson));
    }

    static Policy policy(String yaml) {
        PolicyParseResult result = PolicyParser.parseText(yaml);
        if (!result.valid()) {
            throw new AssertionError("test policy is invalid: " + result.problems());
        }
        return result.policy();
    }

    static Decision decide(EventInput event, ConsentSnapshot consent) {
        return ENGINE.decide(event, consent, DEFAULT_POLICY, ALL_ZONES, NOW);
    }

    static Decision decide(EventInput event, ConsentSnapshot consent, Policy policy) {
        return ENGINE.decide(event, consent, policy, ALL_ZONES, NOW);
    }

    static ConsentChange granted(Instant at, String recordId) {
        return new ConsentChange(at, true, null, recordId);
    }

    static ConsentChange grantedUntil(Instant at, Instant expiresAt, String recordId) {
        return new ConsentChange(at, true, expiresAt, recordId);
    }

    static ConsentChange denied(Instant at, String recordId) {
        return new ConsentChange(at, false, null, recordId);
    }

    /** A consent ledger: purpose name, then its changes, repeated. */
    static ConsentBuilder consent(String jurisdiction) {
        return new ConsentBuilder(jurisdiction, false);
    }

    static ConsentBuilder childConsent(String jurisdiction) {
        return new ConsentBuilder(jurisdiction, true);
    }

    /** Every purpose of the default policy granted well before the event, by record r-all. */
    static ConsentSnapshot grantedAll(String jurisdiction) {
        ConsentBuilder builder = consent(jurisdiction);
        DEFAULT_POLICY.purposes().forEach(p -> builder.purpose(p, granted(BEFORE, "r-all")));
        return builder.build();
    }

    static final class ConsentBuilder {
        private final String jurisdiction;
        private final boolean child;
        private final Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();

        ConsentBuilder(String jurisdiction, boolean child) {
            this.jurisdiction = jurisdiction;
            this.child = child;
        }

        ConsentBuilder purpose(String purpose, ConsentChange... changes) {
            purposes.computeIfAbsent(purpose, p -> new ArrayList<>()).addAll(Arrays.asList(changes));
            return this;
        }

        ConsentBuilder grantedAllBut(String... except) {
            List<String> skipped = List.of(except);
            DEFAULT_POLICY.purposes().stream()
                    .filter(p -> !skipped.contains(p))
                    .forEach(p -> purpose(p, granted(BEFORE, "r-all")));
            return this;
        }

        ConsentSnapshot build() {
            return new ConsentSnapshot(jurisdiction, child, purposes);
        }
    }
}
