package io.consentinel;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package under {@code io.consentinel} is a module (docs/modules/): no cycles between modules,
 * and no module reaches into another's sub-packages unless that module names them as an interface.
 */
class ModularityTests {

    /** The verifier is a program of its own (the verifier/ Maven module), on the test class path only. */
    private static final ApplicationModules MODULES =
            ApplicationModules.of(Consentinel.class, resideInAPackage("io.consentinel.verifier.."));

    /**
     * Documenter lists dependencies in no fixed order, so every run would rewrite the committed files: runs
     * write under target/, and {@code -Dconsentinel.writeModuleDocs=true} refreshes docs/modules/ (the tests
     * run in service/, so that path climbs one level).
     */
    private static final Path DOCS = Boolean.getBoolean("consentinel.writeModuleDocs")
            ? Path.of("..", "docs", "modules")
            : Path.of("target", "modules");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublishedTypes() {
        MODULES.verify();
    }

    @Test
    void zoneStoresThrowDomainFailuresNotHttpProblems() {
        JavaClasses zones = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.consentinel.zones");
        noClasses()
                .that()
                .resideInAPackage("io.consentinel.zones..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.consentinel.web..", "org.springframework.http..", "org.springframework.web..")
                .because("the store layer reports failures as domain exceptions; the web edge maps them to problems")
                .check(zones);
    }

    @Test
    void moduleDocumentationIsGenerated() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
        assertThat(DOCS.resolve("components.puml")).isNotEmptyFile();
        assertThat(DOCS.resolve("module-zones.adoc")).isNotEmptyFile();
        assertThat(DOCS.resolve("all-docs.adoc")).isNotEmptyFile();
    }
}
