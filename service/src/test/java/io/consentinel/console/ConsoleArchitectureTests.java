package io.consentinel.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConsoleArchitectureTests {

    private static final JavaClasses CONSOLE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentinel.console");

    @Test
    void theConsoleReadsOnlyThroughTheApisServices() {
        noClasses()
                .that()
                .resideInAPackage("io.consentinel.console..")
                // The one exception keeps the console's own state, the pinned checkpoints, in a table of its own
                // (control V10); it reads nothing the API answers. The test below holds it to that table.
                .and()
                .doNotHaveSimpleName("PinnedCheckpoints")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.consentinel.zones..",
                        "java.sql..",
                        "javax.sql..",
                        "org.springframework.jdbc..",
                        "jakarta.persistence..",
                        "org.springframework.data..")
                .because("the console shows what the API answers, through the same services: never a second query path")
                .check(CONSOLE);
    }

    @Test
    void theConsolesOwnStoreTouchesOnlyItsPinnedCheckpoints() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/consentinel/console/PinnedCheckpoints.java"));
        List<String> tables = java.util.regex.Pattern.compile("(?i)(?<!do\\s)\\b(?:from|into|update|join)\\s+(\\w+)")
                .matcher(source)
                .results()
                .map(m -> m.group(1).toLowerCase(java.util.Locale.ROOT))
                .distinct()
                .toList();
        assertThat(tables).containsExactly("console_pinned_checkpoints");
    }

    /** Untrusted values stay text, and the Content-Security-Policy needs no inline script or style. */
    @Test
    void templatesNeverWriteUnescapedHtmlOrInlineCode() throws IOException {
        List<Path> templates;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            templates = files.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertThat(templates).hasSizeGreaterThan(5);
        for (Path template : templates) {
            assertThat(Files.readString(template))
                    .as(template.toString())
                    .doesNotContain("th:utext", "[(${", "th:inline", "<script>", "style=\"", "onclick", "onload");
        }
    }
}
