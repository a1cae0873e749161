package io.consentinel.decision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DecisionArchitectureTests {

    private static final JavaClasses DECISION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentinel.decision");

    @Test
    void decisionEngineStaysPure() {
        noClasses()
                .that()
                .resideInAPackage("io.consentinel.decision..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "java.sql..", "jakarta..", "java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.io\\.File.*")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.InetAddress")
                .because("the decision engine takes plain values and returns a plain result: no framework, no I/O")
                .check(DECISION);
    }
}
