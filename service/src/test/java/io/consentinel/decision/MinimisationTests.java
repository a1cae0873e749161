package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Step 5's {@code withConsent}: an action applied even when the category's purpose is granted. */
class MinimisationTests {

    private static final Policy POLICY = policy("""
            version: "t"
            purposes: [analytics]
            categories:
              device.identifier: {purpose: analytics, withoutConsent: drop, withConsent: pseudonymise}
              network.ip: {purpose: analytics, withoutConsent: drop, withConsent: truncate_ip}
              secret: {purpose: analytics, withConsent: reject}
            eventTypes:
              t: {fields: {imei: device.identifier, ip: network.ip, token: secret}}
            jurisdictions: {"*": {zones: [global]}}
            """);

    @Test
    void aGrantedPurposeStillGetsTheWithConsentActionWithReasonMinimised() {
        Decision decision = decide(
                event("t", "{'imei':'490154203237518','ip':'203.0.113.7'}"),
                consent("IN").purpose("analytics", granted(BEFORE, "r1")).build(),
                POLICY);

        assertThat(decision.outcome()).isEqualTo(Outcome.ANONYMISED);
        assertThat(decision.storedAttributes())
                .isEqualTo(json(
                        "{'imei':'%s','ip':'203.0.113.0'}".formatted(PSEUDONYMISER.pseudonymise("490154203237518"))));
        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("imei", "device.identifier", "pseudonymise", Reason.MINIMISED),
                        new FieldAction("ip", "network.ip", "truncate_ip", Reason.MINIMISED));
        assertThat(decision.reasons()).containsExactly(Reason.MINIMISED);
    }

    @Test
    void withoutConsentTheWithoutConsentActionStillApplies() {
        Decision decision = decide(event("t", "{'imei':'490154203237518','ip':'203.0.113.7'}"), null, POLICY);

        assertThat(decision.storedAttributes()).isEqualTo(json("{}"));
        assertThat(decision.fields()).extracting(FieldAction::reason).containsOnly(Reason.CONSENT_MISSING);
    }

    @Test
    void aWithConsentRejectRejectsTheEvent() {
        Decision decision = decide(
                event("t", "{'token':'x'}"),
                consent("IN").purpose("analytics", granted(BEFORE, "r1")).build(),
                POLICY);

        assertThat(decision.rejected()).isTrue();
        assertThat(decision.reasons()).containsExactly(Reason.MINIMISED);
    }
}
