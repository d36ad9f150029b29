package dk.munin.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as the container and the app's local driver run it: a separate
 * {@code java -jar target/munin-detector.jar} process configured only by environment variables.
 * Runs in the integration-test phase, after the jar is built.
 */
class DetectorJarIT {

    private static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path JAR = MODULE.resolve("target/munin-detector.jar");
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path temp;

    record Outcome(int exitCode, List<String> stderr, String stdout) {
    }

    @Test
    void detectsAndWritesTheOutputExitingZeroEvenWithAnUnreadablePhoto() throws Exception {
        Path model = SharedData.model();
        String human = SharedData.image("speciesnet_test_data/human.jpg").toString();
        String empty = SharedData.image("edge_cases/error_img.JPG").toString();
        Path imagesJsonl = Files.writeString(temp.resolve("images.jsonl"),
                "{\"file\":\"speciesnet_test_data/human.jpg\",\"uri\":\"file:" + human + "\"}\n"
                        + "{\"file\":\"edge_cases/error_img.JPG\",\"uri\":\"file:" + empty + "\"}\n");

        Outcome outcome = run(Map.of(
                "INPUT_URI", "file:" + imagesJsonl,
                "OUTPUT_URI", temp.resolve("stage1").toString(),
                "DETECTOR_MODEL", model.toString(),
                "DETECTOR_OUTPUT_THRESHOLD", "0.3"));

        assertEquals(0, outcome.exitCode(), String.join("\n", outcome.stderr()));
        assertEquals("", outcome.stdout(), "stdout stays empty; progress goes to stderr");
        assertTrue(outcome.stderr().get(outcome.stderr().size() - 1).contains("done: 2 photos (1 failed)"), outcome.stderr().toString());
        MegaDetectorOutputValidator.validate(new ObjectMapper().readTree(temp.resolve("stage1/detections.json").toFile()),
                List.of("speciesnet_test_data/human.jpg", "edge_cases/error_img.JPG"), 0.3);
    }

    @Test
    void withoutAModelItExitsTwoAndSaysWhatToSet() throws Exception {
        Outcome outcome = run(Map.of(
                "INPUT_URI", temp.resolve("images.jsonl").toString(),
                "OUTPUT_URI", temp.resolve("stage1").toString()));

        assertEquals(2, outcome.exitCode());
        String last = outcome.stderr().get(outcome.stderr().size() - 1);
        assertTrue(last.startsWith("munin-detector: error: DETECTOR_MODEL is not set: set DETECTOR_MODEL to"), last);
    }

    private Outcome run(Map<String, String> contract) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString());
        // only the contract's variables, whatever the build's own environment holds
        for (String name : List.of("INPUT_URI", "OUTPUT_URI", "DETECTOR_MODEL", "DETECTOR_OUTPUT_THRESHOLD",
                "DETECTOR_NMS_IOU", "MUNIN_S3_ENDPOINT")) {
            builder.environment().remove(name);
        }
        builder.environment().putAll(contract);
        builder.redirectError(temp.resolve("stderr.txt").toFile());
        builder.redirectOutput(temp.resolve("stdout.txt").toFile());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the detector did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Outcome(process.exitValue(),
                Files.readAllLines(temp.resolve("stderr.txt"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("stdout.txt"), StandardCharsets.UTF_8));
    }
}
