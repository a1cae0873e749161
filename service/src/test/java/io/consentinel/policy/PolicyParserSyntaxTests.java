package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PolicyParserSyntaxTests {

    @Test
    void jsonDocumentsAreReadLikeYaml() {
        PolicyParseResult result = PolicyParser.parseText("""
                {"version": "v1", "purposes": ["analytics"], "jurisdictions": {"IN": {"zones": ["in"]}}}
                """);

        assertThat(result.problems()).isEmpty();
        assertThat(result.policy().zones()).containsExactly("in");
    }

    @Test
    void parsingATreeGivesTheSameAsParsingText() {
        var tree = JsonMapper.builder()
                .build()
                .readTree(
                        "{\"version\": \"v1\", \"purposes\": [\"analytics\"], \"jurisdictions\": {\"IN\": {\"zones\": [\"in\"]}}}");

        assertThat(PolicyParser.parse(tree).policy().version()).isEqualTo("v1");
    }

    @Test
    void syntaxErrorsAreOneProblemAtTheRootThatQuotesNothing() {
        PolicyParseResult result = PolicyParser.parseText("version: v1\npurposes: [analytics\nsecret-token-xyz: {{");

        assertThat(result.policy()).isNull();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEmpty();
            assertThat(problem.detail())
                    .startsWith("the policy document is not valid YAML or JSON")
                    .doesNotContain("secret");
        });
    }

    @Test
    void duplicateKeysAreRefused() {
        PolicyParseResult result = PolicyParser.parseText("version: v1\nversion: v2\n");

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.pointer()).isEmpty();
            assertThat(problem.detail()).contains("duplicate key").doesNotContain("v2");
        });
    }

    @Test
    void emptyAndNonObjectDocumentsAreRefused() {
        assertThat(PolicyParser.parseText("  ").problems())
                .extracting(PolicyProblem::detail)
                .containsExactly("the policy document is empty");
        assertThat(PolicyParser.parseText("[1, 2]").problems())
                .extracting(PolicyProblem::pointer)
                .containsExactly("");
        assertThat(PolicyParser.parse(null).problems()).hasSize(1);
    }
}
