package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.Operator;
import io.consentinel.decision.Policy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code eventNames}, {@code inBandConsent}, {@code gppOptOuts} and {@code withConsent}: read, and refused at their pointers. */
class PolicyParserIngestionMappingsTests {

    private static final String BASE = """
            version: "v"
            purposes: [analytics, advertising, third_party_sharing]
            categories:
              device.identifier: {purpose: analytics, withoutConsent: drop, withConsent: pseudonymise}
              technical: {}
            eventTypes:
              music.play: {purpose: analytics, fields: {device.imei: device.identifier}}
            jurisdictions: {"*": {zones: [global]}}
            """;

    @Test
    void theMapsAndWithConsentAreRead() {
        PolicyParseResult result = PolicyParser.parseText(BASE + """
                eventNames: {"Song Played": music.play, page: music.play}
                inBandConsent: {Advertising: advertising, C0004: advertising}
                gppOptOuts: {sale: [third_party_sharing], targetedAdvertising: [advertising]}
                """);

        assertThat(result.problems()).isEmpty();
        Policy policy = result.policy();
        assertThat(policy.eventTypeForName("Song Played")).isEqualTo("music.play");
        assertThat(policy.eventTypeForName("Unlisted")).isEqualTo("Unlisted");
        assertThat(policy.purposesDeniedInBand(Set.of("C0004", "Unknown"))).containsExactly("advertising");
        assertThat(policy.gppOptOuts()).containsOnlyKeys(Policy.GppOptOut.SALE, Policy.GppOptOut.TARGETED_ADVERTISING);
        assertThat(policy.gppOptOuts().get(Policy.GppOptOut.SALE)).containsExactly("third_party_sharing");
        assertThat(policy.categories().get("device.identifier").withConsent()).isEqualTo(new Operator.Pseudonymise());
        assertThat(policy.categories().get("technical").minimised()).isFalse();
    }

    @Test
    void everyMistakeInTheMapsIsReportedAtItsPointer() {
        PolicyParseResult result = PolicyParser.parseText(BASE.replace(
                        "technical: {}",
                        "technical: {withConsent: mask}\n  odd: {purpose: analytics, withConsent: blur}")
                + """
                eventNames: {"Song Played": music.stop, "": music.play, page: 7}
                inBandConsent: {Advertising: adverts, C0004: [advertising]}
                gppOptOuts: {sale: [selling], sharing: third_party_sharing, tracking: [advertising]}
                """);

        assertThat(result.policy()).isNull();
        assertThat(result.problems())
                .extracting(PolicyProblem::pointer)
                .containsExactlyInAnyOrder(
                        "/categories/technical/withConsent",
                        "/categories/odd/withConsent",
                        "/eventNames/Song Played",
                        "/eventNames/",
                        "/eventNames/page",
                        "/inBandConsent/Advertising",
                        "/inBandConsent/C0004",
                        "/gppOptOuts/sale/0",
                        "/gppOptOuts/sharing",
                        "/gppOptOuts/tracking");
    }

    @Test
    void theDefaultPolicyMinimisesDeviceIdsAndMapsCommonConsentCategories() {
        Policy policy = DefaultPolicy.load();

        assertThat(policy.categories().get("device.identifier").withConsent()).isEqualTo(new Operator.Pseudonymise());
        assertThat(policy.purposesDeniedInBand(Set.of("Advertising"))).containsExactly("advertising");
        assertThat(policy.gppOptOuts()).containsKeys(Policy.GppOptOut.values());
    }
}
