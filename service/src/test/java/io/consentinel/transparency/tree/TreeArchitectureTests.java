package io.consentinel.transparency.tree;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class TreeArchitectureTests {

    private static final JavaClasses TREE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentinel.transparency.tree");

    @Test
    void treeCoreStaysPure() {
        noClasses()
                .that()
                .resideInAPackage("io.consentinel.transparency.tree..")
                // The package's @NamedInterface (module metadata for ModularityTests) is no code of the core.
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "jakarta..",
                        "java.net..",
                        "io.consentinel.zones..",
                        "io.consentinel.consent..",
                        "tools.jackson..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.io\\.File.*")
                .because("the Merkle tree core takes hashes and returns hashes and proofs: no framework, no I/O")
                .check(TREE);
    }
}
