package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.Jurisdiction;
import io.consentinel.decision.Operator;
import io.consentinel.decision.Policy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyParserDefaultPolicyTests {

    private static final Set<String> EU_MEMBER_STATES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    @Test
    void defaultPolicyParsesWithoutProblems() {
        PolicyParseResult result = PolicyParser.parseText(DefaultPolicy.text());

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().version()).isEqualTo("2026-11-24");
    }

    @Test
    void defaultPolicyDeclaresTheFivePurposesInOrder() {
        Policy policy = DefaultPolicy.load();

        assertThat(policy.purposes())
                .containsExactly("analytics", "personalisation", "advertising", "third_party_sharing", "diagnostics");
        assertThat(policy.tcf())
                .isEqualTo(Map.of(
                        "analytics",
                        List.of(1, 9, 10),
                        "personalisation",
                        List.of(1, 5, 6),
                        "advertising",
                        List.of(1, 3, 4)));
        assertThat(policy.gpcDenies()).containsExactly("advertising", "third_party_sharing");
    }

    @Test
    void defaultPolicyKeepsEachCountrysDataInItsZone() {
        Policy policy = DefaultPolicy.load();

        assertThat(policy.jurisdictions().get("IN"))
                .isEqualTo(new Jurisdiction(List.of("in"), 18, Set.of("advertising", "personalisation", "analytics")));
        assertThat(policy.jurisdictions().get("US").zones()).containsExactly("us", "eu");
        assertThat(policy.jurisdictions().get("CN").zones()).containsExactly("cn");
        assertThat(policy.jurisdictions().get("RU").zones()).containsExactly("ru");
        assertThat(policy.jurisdictions().get("*").zones()).containsExactly("global");
        assertThat(policy.zones()).containsExactlyInAnyOrder("in", "eu", "us", "cn", "ru", "global");
    }

    @Test
    void everyEuMemberStateStaysInTheEuZoneWithAGdprArticle8Age() {
        Map<String, Jurisdiction> jurisdictions = DefaultPolicy.load().jurisdictions();

        assertThat(jurisdictions.keySet()).containsAll(EU_MEMBER_STATES);
        EU_MEMBER_STATES.forEach(country -> {
            assertThat(jurisdictions.get(country).zones()).as(country).containsExactly("eu");
            assertThat(jurisdictions.get(country).childAge()).as(country).isBetween(13, 16);
        });
    }

    @Test
    void defaultPolicyCoversTheBriefsTelemetry() {
        Policy policy = DefaultPolicy.load();

        assertThat(policy.eventTypes().keySet())
                .contains(
                        "browsing.page_view",
                        "app.usage_session",
                        "music.play",
                        "device.heartbeat",
                        "location.update",
                        "crash.report");
        assertThat(policy.eventType("crash.report").purpose()).isEqualTo("diagnostics");
        assertThat(policy.eventType("music.play").fields()).containsKeys("tracks[].artist", "tracks[].title");
        assertThat(policy.categories().get("network.ip").withoutConsent()).isEqualTo(new Operator.TruncateIp());
        assertThat(policy.categories().get("location.precise").withoutConsent())
                .isEqualTo(new Operator.GeneraliseLocation(1));
        assertThat(policy.unclassifiedFields()).isEqualTo(Policy.UnclassifiedFields.DROP);
        assertThat(policy.unknownEventTypes()).isEqualTo(Policy.UnknownEventTypes.REJECT);
    }

    @Test
    void aPolicyReadBackWithItsActivationTimeStillParses() {
        String withActivation = DefaultPolicy.text() + "\nactivatedAt: \"2026-11-24T10:00:00Z\"\n";

        assertThat(PolicyParser.parseText(withActivation).problems()).isEmpty();
    }
}
