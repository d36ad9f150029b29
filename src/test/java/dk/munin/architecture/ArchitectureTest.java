package dk.munin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dk.munin.contract.storage.S3ObjectStore;
import com.tngtech.archunit.lang.ArchRule;
import dk.munin.state.Stage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The app's architecture as rules: what may depend on what, so a newcomer's change cannot quietly undo it. */
class ArchitectureTest {

    /** The app's own classes and the contract's, as the app jar holds them. */
    private static final JavaClasses MUNIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the contract's shared test helpers
            .importPackages("dk.munin");

    /** No package depends on another that depends back on it, however long the way round. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dk.(**)").should().beFreeOfCycles();

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(MUNIN);
    }

    @Test
    void theRuleFindsACycleWhereThereIsOne() {
        JavaClasses withCycle = new ClassFileImporter().importPackages("dk.munin.architecture.cycle");

        assertThatThrownBy(() -> NO_PACKAGE_CYCLES.check(withCycle))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining("cycle.eggs").hasMessageContaining("cycle.hens");
    }

    @Test
    void theAslRunnerDoesNotUseCamel() {
        noClasses().that().resideInAPackage("dk.munin.workflow")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("the embedded runner runs pipeline.asl.json without Camel; its Camel bindings live in dk.munin.workflow.camel")
                .check(MUNIN);
    }

    @Test
    void theAppDoesNotUseOnnxRuntime() {
        noClasses().should().dependOnClassesThat().resideInAPackage("ai.onnxruntime..")
                .because("the detector container runs the model; the app jar (and every Lambda function) stays free of ONNX Runtime")
                .check(MUNIN);
    }

    @Test
    void theContractUsesNeitherCamelNorTheAppNorOnnxRuntime() {
        classes().that().resideInAPackage("dk.munin.contract..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dk.munin.contract..", "java..", "com.fasterxml.jackson..",
                        "software.amazon.awssdk..", "org.slf4j..")
                .because("the contract is compiled into the detector too, which has no Camel, and must not drift with the app")
                .check(MUNIN);
    }

    @Test
    void concernsDoNotDependOnStagesAndStagesNotOnEachOther() {
        noClasses().that().resideOutsideOfPackages("dk.munin.stage..", "dk.munin", "dk.munin.cli", "dk.munin.lambda")
                .should().dependOnClassesThat().resideInAPackage("dk.munin.stage..")
                .because("a stage is wired (MuninBeans) and called (its route), never used by the code it uses")
                .check(MUNIN);
        slices().matching("dk.munin.stage.(*)..").should().notDependOnEachOther().check(MUNIN);
    }

    @Test
    void eachStageHasItsPackageClassAndRouteFileUnderItsOneName() throws IOException {
        for (Stage stage : Stage.values()) {
            String className = "dk.munin.stage." + stage.stateName().toLowerCase(Locale.ROOT) + "." + stage.stateName();
            assertThat(MUNIN.contain(className)).as("%s is class %s", stage, className).isTrue();
            try (InputStream route = getClass().getResourceAsStream("/routes/" + stage.routeId() + ".yaml")) {
                assertThat(route).as("routes/%s.yaml", stage.routeId()).isNotNull();
                String yaml = new String(route.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(yaml).contains("id: " + stage.routeId(), "uri: direct:" + stage.routeId(), "ref: " + stage.beanName());
            }
        }
    }

    /**
     * Every S3 write is the store's one PutObject, which S3 makes visible whole or not at all: no
     * other class puts, copies or uploads in parts, so no failed multipart upload can be left behind.
     */
    @Test
    void onlyTheObjectStoreWritesToS3AndNeverInParts() {
        noClasses().that().doNotHaveFullyQualifiedName(S3ObjectStore.class.getName())
                .should().callMethodWhere(target(owner(assignableTo(S3Client.class)))
                        .and(target(nameMatching("putObject|copyObject|uploadPart.*|createMultipartUpload|completeMultipartUpload"))))
                .because("ObjectStore.write and upload are the one way an artefact reaches S3 (S3ObjectStore)")
                .check(MUNIN);
        noClasses().should().dependOnClassesThat().haveSimpleNameContaining("MultipartUpload")
                .orShould().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.transfer..")
                .because("an artefact is one PutObject (up to 5 GB), never parts that a failure could leave half-made")
                .check(MUNIN);
    }
}
