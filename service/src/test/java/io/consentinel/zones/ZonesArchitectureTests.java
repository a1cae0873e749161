package io.consentinel.zones;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ZonesArchitectureTests {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.consentinel");

    @Test
    void onlyZonesRunsStatementsOnAZoneStore() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.consentinel.zones..")
                .should()
                .callMethod(ZoneStore.class, "jdbc")
                .orShould()
                .callMethod(ZoneStore.class, "dataSource")
                .orShould()
                .callMethod(ZoneStore.class, "transactions")
                .orShould()
                .callMethod(ZoneStore.class, "writes")
                .because("zones owns every statement on zone tables; other features use its intention-named"
                        + " reads and writes (DecisionQueries, SubjectRows, ExpiredEvents, ChainHeads)")
                .check(SERVICE);
    }
}
