package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultPolicySmokeTests {

    @Test
    void fullyConsentedPageViewIsStoredInItsZoneWithOnlyTheDeviceIdMinimised() {
        EventInput event = event(
                "browsing.page_view",
                "{'url':'https://news.example/story?id=7','device':{'imei':'490154203237518'},'ip':'203.0.113.7','durationMs':5300}");

        Decision decision = decide(event, grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ANONYMISED);
        assertThat(decision.zone()).isEqualTo("in");
        assertThat(decision.storedAttributes())
                .isEqualTo(json(
                        "{'url':'https://news.example/story?id=7','device':{'imei':'%s'},'ip':'203.0.113.7','durationMs':5300}"
                                .formatted(PSEUDONYMISER.pseudonymise("490154203237518"))));
        assertThat(decision.reasons()).containsExactly(Reason.MINIMISED);
        assertThat(decision.fields())
                .containsExactly(new FieldAction("device.imei", "device.identifier", "pseudonymise", Reason.MINIMISED));
        assertThat(decision.consentRecordIds()).containsExactly("r-all");
        assertThat(decision.policyVersion()).isEqualTo("2026-11-24");
        assertThat(decision.retentionDays()).isEqualTo(180);
    }

    @Test
    void fullyConsentedPageViewWithoutHardwareIdsIsAcceptedUnchanged() {
        EventInput event = event(
                "browsing.page_view",
                "{'url':'https://news.example/story?id=7','device':{'model':'Pixel 9'},'ip':'203.0.113.7','durationMs':5300}");

        Decision decision = decide(event, grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.storedAttributes()).isSameAs(event.attributes());
        assertThat(decision.fields()).isEmpty();
    }
}
