package dk.munin.trigger;

import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.testing.TestPhotos;
import dk.munin.workflow.ExecutionHistoryRegistry;
import dk.munin.workflow.HistoryEntry;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The start-run route on the real routes and settings: a manifest dropped in a folder starts a run. */
class ManifestTriggerTest {

    @TempDir
    Path dir;
    private final Main camel = new Main();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aDroppedManifestStartsOneRunAndTheSameManifestAgainDoesNot() throws Exception {
        assumeTrue(Files.isReadable(Path.of("detector/target/munin-detector.jar")), "Skipped: needs the detector jar (`make test` builds it)");
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.uri", "file:" + manifests + "?include=.*\\.json&move=.started&initialDelay=0&delay=100");
        camel.addOverrideProperty("munin.detect.model", TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f).toString());
        camel.addOverrideProperty("munin.weather.provider", "none");
        camel.start();
        String manifest = """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(dir.resolve("photos"), dir.resolve("out"));

        Files.writeString(manifests.resolve("autumn.json"), manifest);
        Path report = dir.resolve("out/run_report.json");
        await(() -> Files.exists(report) && Files.exists(manifests.resolve(".started/autumn.json")));
        Files.delete(report);
        Files.delete(manifests.resolve(".started/autumn.json"));
        Files.writeString(manifests.resolve("autumn.json"), manifest);
        await(() -> Files.exists(manifests.resolve(".started/autumn.json")));

        assertThat(report).doesNotExist();
        assertThat(camel.getCamelContext().getRegistry().findSingleByType(ExecutionHistoryRegistry.class)
                .historyOf("arn:aws:states:eu-north-1:000000000000:execution:munin-pipeline:"
                        + ManifestTrigger.executionName("autumn.json", manifest)))
                .extracting(HistoryEntry::state).contains("WriteParquet");
    }

    @Test
    void executionNamesFollowStepFunctionsRules() {
        String name = ManifestTrigger.executionName("manifests/Sabah 2009 (Station A).json", "{}");

        assertThat(name).matches("Sabah-2009--Station-A--[0-9a-f]{12}");
        assertThat(ManifestTrigger.executionName("x".repeat(200) + ".json", "{}")).hasSize(77).as("room for a retry's -NN within Step Functions' 80");
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 60 s for the trigger").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
