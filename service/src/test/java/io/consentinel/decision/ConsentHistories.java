package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.NOW;
import static io.consentinel.decision.Fixtures.OCCURRED;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consent histories of known meaning, so that properties have an oracle that is not the engine. */
enum ConsentHistories {
    GRANTED,
    MISSING,
    DENIED_ONLY,
    WITHDRAWN_BEFORE_EVENT,
    WITHDRAWN_AFTER_EVENT,
    EXPIRED_BY_NOW,
    EXPIRED_AT_EVENT_THEN_RENEWED,
    GRANTED_AFTER_EVENT;

    private static final Instant LONG_AGO = OCCURRED.minusSeconds(86_400 * 30);
    private static final Instant JUST_BEFORE = OCCURRED.minusSeconds(60);
    private static final Instant JUST_AFTER = OCCURRED.plusMillis(500);

    /** Whether this history grants its purpose for an event at OCCURRED processed at NOW. */
    boolean grants() {
        return this == GRANTED;
    }

    List<ConsentChange> changes(String purpose) {
        String id = purpose + "-" + ordinal();
        return switch (this) {
            case GRANTED -> List.of(new ConsentChange(LONG_AGO, true, NOW.plusSeconds(3600), id + "a"));
            case MISSING -> List.of();
            case DENIED_ONLY -> List.of(new ConsentChange(LONG_AGO, false, null, id + "a"));
            case WITHDRAWN_BEFORE_EVENT ->
                List.of(
                        new ConsentChange(LONG_AGO, true, null, id + "a"),
                        new ConsentChange(JUST_BEFORE, false, null, id + "b"));
            case WITHDRAWN_AFTER_EVENT ->
                List.of(
                        new ConsentChange(LONG_AGO, true, null, id + "a"),
                        new ConsentChange(JUST_AFTER, false, null, id + "b"));
            case EXPIRED_BY_NOW -> List.of(new ConsentChange(LONG_AGO, true, JUST_AFTER, id + "a"));
            case EXPIRED_AT_EVENT_THEN_RENEWED ->
                List.of(
                        new ConsentChange(LONG_AGO, true, JUST_BEFORE, id + "a"),
                        new ConsentChange(JUST_AFTER, true, null, id + "b"));
            case GRANTED_AFTER_EVENT -> List.of(new ConsentChange(JUST_AFTER, true, null, id + "a"));
        };
    }

    static ConsentSnapshot snapshot(String jurisdiction, boolean child, Map<String, ConsentHistories> histories) {
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        histories.forEach((purpose, history) -> purposes.put(purpose, history.changes(purpose)));
        return new ConsentSnapshot(jurisdiction, child, purposes);
    }
}
