package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultPolicySmokeTests {

    @Test
    void fullyConsentedPageViewIsAcceptedUnchangedInItsZone() {
        EventInput event = event("browsing.page_view",
                "{'url':'https://news.example/story?id=7','device':{'imei':'490154203237518'},'ip':'203.0.113.7','durationMs':5300}");

        Decision decision = decide(event, grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.zone()).isEqualTo("in");
        assertThat(decision.storedAttributes()).isSameAs(event.attributes());
        assertThat(decision.reasons()).isEmpty();
        assertThat(decision.fields()).isEmpty();
        assertThat(decision.consentRecordIds()).containsExactly("r-all");
        assertThat(decision.policyVersion()).isEqualTo("2026-11-24");
        assertThat(decision.retentionDays()).isEqualTo(180);
    }
}
