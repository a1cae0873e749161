package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireNamesTests {

    @Test
    void outcomesTravelInLowerCase() {
        assertThat(Outcome.ANONYMISED.wireName()).isEqualTo("anonymised");
        for (Outcome outcome : Outcome.values()) {
            assertThat(Outcome.fromWire(outcome.wireName())).isEqualTo(outcome);
        }
        assertThatThrownBy(() -> Outcome.fromWire("invalid")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonCodesAreTheContractsNames() {
        assertThat(Arrays.stream(Reason.values()).map(Enum::name))
                .containsExactly(
                        "EVENT_TYPE_UNKNOWN",
                        "JURISDICTION_UNKNOWN",
                        "JURISDICTION_UNSUPPORTED",
                        "RESIDENCY_UNAVAILABLE",
                        "CONSENT_MISSING",
                        "CONSENT_WITHDRAWN",
                        "CONSENT_EXPIRED",
                        "CHILD_PROTECTED",
                        "UNCLASSIFIED_FIELD",
                        "INVALID_VALUE",
                        "CONSENT_DENIED_IN_BAND",
                        "MINIMISED");
    }
}
