package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Steps 1 to 3: event type, jurisdiction and zone, and what a rejection at each step carries. */
class DecisionResolutionTests {

    private static final String PAGE_VIEW = "{'url':'https://news.example/a','durationMs':5300}";

    @Test
    void unknownEventTypeIsRejectedButStillResolvesItsZone() {
        Decision decision = decide(event("browsing.unknown", "{'secret':'s3cr3t'}"), grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.EVENT_TYPE_UNKNOWN);
        assertThat(decision.zone()).isEqualTo("in");
        assertThat(decision.jurisdiction()).isEqualTo("IN");
        assertThat(decision.storedAttributes()).isNull();
        assertThat(decision.fields()).isEmpty();
        assertThat(decision.retentionDays()).isEqualTo(365);
    }

    @Test
    void unknownEventTypeTakesPrecedenceOverAMissingJurisdiction() {
        Decision decision = decide(event("browsing.unknown", null, "{}"), null);

        assertThat(decision.reasons()).containsExactly(Reason.EVENT_TYPE_UNKNOWN);
        assertThat(decision.zone()).isNull();
        assertThat(decision.jurisdiction()).isNull();
    }

    @Test
    void allowedUnknownEventTypeKeepsNothingUnclassified() {
        Policy allowing = policy("""
                version: v1
                purposes: [analytics]
                unknownEventTypes: allow
                jurisdictions: {IN: {zones: [in]}}
                """);

        Decision decision = decide(event("new.type", "{'a':1,'b':{'c':'x'},'d':[]}"), null, allowing);

        assertThat(decision.outcome()).isEqualTo(Outcome.ANONYMISED);
        assertThat(decision.storedAttributes()).isEqualTo(json("{}"));
        assertThat(decision.fields()).extracting(FieldAction::path).containsExactly("a", "b.c", "d");
        assertThat(decision.reasons()).containsExactly(Reason.UNCLASSIFIED_FIELD);
    }

    @Test
    void jurisdictionComesFromTheConsentRecordBeforeTheEvent() {
        Decision decision = decide(event("browsing.page_view", "IN", PAGE_VIEW), grantedAll("DE"));

        assertThat(decision.jurisdiction()).isEqualTo("DE");
        assertThat(decision.zone()).isEqualTo("eu");
    }

    @Test
    void jurisdictionComesFromTheEventWhenTheSubjectHasNoRecord() {
        Decision decision = decide(event("browsing.page_view", "FR", PAGE_VIEW), ConsentSnapshot.none());

        assertThat(decision.jurisdiction()).isEqualTo("FR");
        assertThat(decision.zone()).isEqualTo("eu");
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
    }

    @Test
    void noJurisdictionAtAllIsRejected() {
        Decision decision = decide(event("browsing.page_view", null, PAGE_VIEW), null);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.JURISDICTION_UNKNOWN);
        assertThat(decision.zone()).isNull();
    }

    @Test
    void unlistedJurisdictionFallsBackToTheStarEntry() {
        Decision decision = decide(event("browsing.page_view", "BR", PAGE_VIEW), grantedAll("BR"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.jurisdiction()).isEqualTo("BR");
        assertThat(decision.zone()).isEqualTo("global");
    }

    @Test
    void unlistedJurisdictionWithoutAStarEntryIsUnsupported() {
        Policy indiaOnly = policy("""
                version: v1
                purposes: [analytics]
                eventTypes: {ping: {}}
                jurisdictions: {IN: {zones: [in]}}
                """);

        Decision decision = decide(event("ping", "BR", "{}"), null, indiaOnly);

        assertThat(decision.reasons()).containsExactly(Reason.JURISDICTION_UNSUPPORTED);
        assertThat(decision.jurisdiction()).isEqualTo("BR");
        assertThat(decision.zone()).isNull();
    }

    @Test
    void lowerCaseCountryCodesAreNotMistakenForUnlistedOnes() {
        Decision decision = decide(event("browsing.page_view", "in", PAGE_VIEW), null);

        assertThat(decision.jurisdiction()).isEqualTo("IN");
        assertThat(decision.zone()).isEqualTo("in");
    }

    @Test
    void zoneIsTheFirstListedZoneThatThisDeploymentHas() {
        EventInput event = event("browsing.page_view", "US", PAGE_VIEW);

        assertThat(ENGINE.decide(event, grantedAll("US"), DEFAULT_POLICY, Set.of("us", "eu"), NOW)
                        .zone())
                .isEqualTo("us");
        assertThat(ENGINE.decide(event, grantedAll("US"), DEFAULT_POLICY, Set.of("eu", "in"), NOW)
                        .zone())
                .isEqualTo("eu");
    }

    @Test
    void noStoreForAnyOfTheJurisdictionsZonesIsResidencyUnavailable() {
        Decision decision = ENGINE.decide(
                event("browsing.page_view", "IN", PAGE_VIEW),
                grantedAll("IN"),
                DEFAULT_POLICY,
                Set.of("eu", "us", "global"),
                NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.RESIDENCY_UNAVAILABLE);
        assertThat(decision.zone()).isNull();
        assertThat(decision.jurisdiction()).isEqualTo("IN");
    }

    @Test
    void retentionComesFromTheEventTypeElseThePolicyElseNothing() {
        Policy noRetention = policy("""
                version: v1
                purposes: [analytics]
                eventTypes: {ping: {}, kept: {retentionDays: 7}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        assertThat(decide(event("crash.report", "{}"), grantedAll("IN")).retentionDays())
                .isEqualTo(90);
        assertThat(decide(event("ping", "{}"), null, noRetention).retentionDays())
                .isNull();
        assertThat(decide(event("kept", "{}"), null, noRetention).retentionDays())
                .isEqualTo(7);
    }

    @Test
    void eventTypeWithoutAPurposeNeedsNoConsent() {
        Policy purposeless = policy("""
                version: v1
                purposes: [analytics]
                categories: {technical: {}}
                eventTypes: {ping: {fields: {battery: technical}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        Decision decision = decide(event("ping", "{'battery':80}"), null, purposeless);

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.consentRecordIds()).isEmpty();
        assertThat(decision.policyVersion()).isEqualTo("v1");
    }
}
