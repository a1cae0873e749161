package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class PolicyParserProblemsTests {

    private static PolicyParseResult parse(String yaml) {
        return PolicyParser.parseText(yaml);
    }

    @Test
    void aDocumentWithManyMistakesListsEveryOneAtItsPointer() {
        PolicyParseResult result = parse("""
                version: "  "
                purposes: [analytics, analytics, 7]
                categories:
                  device.identifier: {purpose: marketing, withoutConsent: pseudonymise}
                  network.ip: {purpose: analytics, withoutConsent: {op: truncate_ip, ipv4Prefix: 40, bits: 3}}
                  loc: {purpose: analytics, withoutConsent: {op: generalise_location, decimals: "1"}}
                  age: {purpose: analytics, withoutConsent: bucket}
                  odd: {purpose: analytics, withoutConsent: blur}
                  tech: {withoutConsent: drop}
                  typo: {purpose: analytics, withoutConsnet: drop}
                eventTypes:
                  page_view:
                    purpose: adverts
                    retentionDays: 0
                    fields: {"a..b": tech, "url": nowhere, "x[]y": tech, "a/b": nope}
                  nested:
                    fields: {device: network.ip, device.imei: network.ip}
                unclassifiedFields: keep
                unknownEventTypes: drop
                retentionDays: -1
                jurisdictions:
                  in: {zones: [in]}
                  UK: {zones: [uk]}
                  DE: {zones: []}
                  FR: {zones: [EU]}
                  IN: {zones: [in], childAge: 0, childForbiddenPurposes: [ads]}
                tcf: {analytics: [0, 12], marketing: [1], personalisation: []}
                gpcDenies: [selling]
                colour: blue
                """);

        assertThat(result.policy()).isNull();
        assertThat(result.problems())
                .extracting(PolicyProblem::pointer)
                .containsExactlyInAnyOrder(
                        "/colour",
                        "/version",
                        "/purposes/1",
                        "/purposes/2",
                        "/categories/device.identifier/purpose",
                        "/categories/network.ip/withoutConsent/bits",
                        "/categories/network.ip/withoutConsent/ipv4Prefix",
                        "/categories/loc/withoutConsent/decimals",
                        "/categories/age/withoutConsent/size",
                        "/categories/odd/withoutConsent",
                        "/categories/tech/withoutConsent",
                        "/categories/typo/withoutConsnet",
                        "/eventTypes/page_view/purpose",
                        "/eventTypes/page_view/fields/a..b",
                        "/eventTypes/page_view/fields/url",
                        "/eventTypes/page_view/fields/x[]y",
                        "/eventTypes/page_view/fields/a~1b",
                        "/eventTypes/page_view/retentionDays",
                        "/eventTypes/nested/fields/device.imei",
                        "/unclassifiedFields",
                        "/unknownEventTypes",
                        "/jurisdictions/in",
                        "/jurisdictions/UK",
                        "/jurisdictions/DE/zones",
                        "/jurisdictions/FR/zones/0",
                        "/jurisdictions/IN/childAge",
                        "/jurisdictions/IN/childForbiddenPurposes/0",
                        "/tcf/analytics/0",
                        "/tcf/analytics/1",
                        "/tcf/marketing",
                        "/tcf/personalisation", // not declared
                        "/tcf/personalisation", // and empty
                        "/gpcDenies/0",
                        "/retentionDays");
    }

    @Test
    void problemsSayWhatIsWrong() {
        PolicyParseResult result = parse("""
                version: v1
                purposes: [analytics]
                categories: {ip: {purpose: analytics, withoutConsent: {op: truncate_ip, ipv4Prefix: 40}}}
                eventTypes: {e: {fields: {ip: ipp}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        assertThat(result.problems())
                .extracting(PolicyProblem::pointer, PolicyProblem::detail)
                .containsExactly(
                        tuple("/categories/ip/withoutConsent/ipv4Prefix", "must be between 0 and 32"),
                        tuple(
                                "/eventTypes/e/fields/ip",
                                "names the category 'ipp', which is not declared in /categories"));
    }

    @Test
    void missingRequiredPartsAreEachReported() {
        PolicyParseResult result = parse("categories: {}");

        assertThat(result.problems())
                .extracting(PolicyProblem::pointer)
                .containsExactly("/version", "/purposes", "/jurisdictions");
    }

    @Test
    void emptyListsAndWrongShapesAreReported() {
        PolicyParseResult result = parse("""
                version: 2026
                purposes: []
                categories: [a, b]
                eventTypes: {e: [1]}
                jurisdictions: {}
                gpcDenies: advertising
                """);

        assertThat(result.problems())
                .extracting(PolicyProblem::pointer)
                .containsExactly(
                        "/version", "/purposes", "/categories", "/eventTypes/e", "/jurisdictions", "/gpcDenies");
    }

    @Test
    void aPathInsideAnotherClassifiedPathIsRefused() {
        PolicyParseResult result = parse("""
                version: v1
                purposes: [analytics]
                categories: {t: {}}
                eventTypes: {e: {fields: {tracks: t, "tracks[].artist": t}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEqualTo("/eventTypes/e/fields/tracks[].artist");
            assertThat(problem.detail()).contains("lies inside 'tracks'");
        });
    }

    @Test
    void pointersEscapeTildesAndSlashes() {
        PolicyParseResult result = parse("""
                version: v1
                purposes: [analytics]
                jurisdictions: {"*": {zones: [global]}}
                "a~b/c": 1
                """);

        assertThat(result.problems()).extracting(PolicyProblem::pointer).containsExactly("/a~0b~1c");
    }

    @Test
    void aCategoryWithAPurposeButNoOperatorDropsItsFields() {
        PolicyParseResult result = parse("""
                version: v1
                purposes: [analytics]
                categories: {id: {purpose: analytics}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().categories().get("id").withoutConsent())
                .isEqualTo(new io.consentinel.decision.Operator.Drop());
    }

    @Test
    void aNewVersionMustBeServableButAStoredOneStaysUsable() {
        String yaml = """
                version: "2026-11-24 hotfix"
                purposes: [analytics]
                jurisdictions: {IN: {zones: [in]}}
                """;

        assertThat(parse(yaml).problems()).extracting(PolicyProblem::pointer).containsExactly("/version");
        assertThat(PolicyParser.parseStored(PolicyDocuments.read(yaml)).policy().version())
                .isEqualTo("2026-11-24 hotfix");
    }
}
