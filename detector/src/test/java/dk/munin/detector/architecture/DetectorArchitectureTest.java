package dk.munin.detector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The detector container's architecture as rules. */
class DetectorArchitectureTest {

    /** The detector's classes and the contract's, as its jar holds them. */
    private static final JavaClasses DETECTOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dk.munin");

    @Test
    void theDetectorDoesNotUseCamel() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("the container is a plain Java program: the app's routes and Camel stay out of it")
                .check(DETECTOR);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dk.(**)").should().beFreeOfCycles().check(DETECTOR);
    }
}
