package dk.munin.detector.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dk.munin.contract.storage.S3ObjectStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
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
                .check(DETECTOR);
        noClasses().should().dependOnClassesThat().haveSimpleNameContaining("MultipartUpload")
                .orShould().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.transfer..")
                .because("an artefact is one PutObject (up to 5 GB), never parts that a failure could leave half-made")
                .check(DETECTOR);
    }
}
