package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.testing.SharedData;
import dk.munin.detector.testing.LogCapture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container contract end to end, in process: an images.jsonl of shared photos (plus broken
 * entries) in, detections.json out, checked against the documented rules.
 */
class DetectorRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double OUTPUT_THRESHOLD = 0.1;

    @TempDir
    static Path temp;
    /** The runs meet unreadable photos on purpose; their warnings are asserted here, not printed. */
    @RegisterExtension
    static final LogCapture LOG = new LogCapture();

    private static Map<String, String> env;
    private static List<String> inputFiles;
    private static RunSummary summary;
    private static JsonNode output;

    @BeforeAll
    static void runTheDetector() throws IOException {
        if (!SharedData.hasFastestDet()) {
            return;
        }
        Path model = SharedData.FASTESTDET;
        List<String> lines = new ArrayList<>();
        inputFiles = new ArrayList<>();
        for (String photo : new String[] {
                "speciesnet_test_data/human.jpg",
                "speciesnet_test_data/vehicle.jpg",
                "speciesnet_test_data/domestic_cattle.jpg",
                "speciesnet_test_data/blank.jpg",
                "speciesnet_test_data/blank2.jpg",
                "speciesnet_test_data/blank3.jpg",
                "edge_cases/error_img.JPG",
                "metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg"}) {
            // the app writes file: URIs with the raw absolute path, spaces and all
            lines.add(line(photo, "file:" + SharedData.image(photo)));
        }
        String encoded = "speciesnet_test_data/african_elephants_with_exif_orientation.jpg";
        lines.add(line(encoded, SharedData.image(encoded).toUri().toString()));
        lines.add(line("gone/missing.jpg", "file:" + temp.resolve("missing.jpg")));
        lines.add(line("no/uri.jpg", null));
        Path imagesJsonl = Files.write(temp.resolve("images.jsonl"), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));

        env = new HashMap<>();
        env.put("INPUT_URI", imagesJsonl.toString());
        env.put("OUTPUT_URI", "file:" + temp.resolve("out/stage1") + "/");
        env.put("DETECTOR_MODEL", model.toString());
        summary = DetectorRun.run(env);
        output = JSON.readTree(temp.resolve("out/stage1/detections.json").toFile());
    }

    @BeforeEach
    void skipWithoutTheSharedData() {
        SharedData.fastestDet();
    }

    private static String line(String file, String uri) {
        inputFiles.add(file);
        ObjectNode line = JSON.createObjectNode().put("file", file).put("station", "ignored by the detector");
        if (uri != null) {
            line.put("uri", uri);
        }
        return line.toString();
    }

    @Test
    void writesAFileThatFollowsEveryDocumentedRule() {
        MegaDetectorOutputValidator.validate(output, inputFiles, OUTPUT_THRESHOLD);
        assertEquals("FastestDet.onnx", output.at("/info/detector").asText());
        assertEquals("fastestdet", output.at("/info/detector_metadata/model_layout").asText());
        assertEquals(0.1, output.at("/info/detector_metadata/output_confidence_threshold").asDouble(), 1e-6);
    }

    @Test
    void findsAPersonAVehicleAndAnAnimal() {
        assertTrue(hasDetection("speciesnet_test_data/human.jpg", "2", 0.3), "a person on human.jpg");
        assertTrue(hasDetection("speciesnet_test_data/vehicle.jpg", "3", 0.3), "a vehicle on vehicle.jpg");
        assertTrue(hasDetection("speciesnet_test_data/domestic_cattle.jpg", "1", 0.3), "an animal on domestic_cattle.jpg");
        assertTrue(hasDetection("speciesnet_test_data/african_elephants_with_exif_orientation.jpg", "1", 0.3),
                "an animal on the elephants given by a percent-encoded file: URI");
    }

    @Test
    void findsNothingConfidentOnTheBlankFrames() {
        for (String blank : new String[] {"speciesnet_test_data/blank.jpg", "speciesnet_test_data/blank2.jpg", "speciesnet_test_data/blank3.jpg"}) {
            for (JsonNode detection : image(blank).get("detections")) {
                assertTrue(detection.get("conf").asDouble() < 0.3, blank + ": " + detection);
            }
        }
    }

    @Test
    void unreadablePhotosBecomeFailureEntriesAndTheRunGoesOn() {
        assertEquals("image access failure: empty file (0 bytes)", image("edge_cases/error_img.JPG").get("failure").asText());
        assertTrue(image("gone/missing.jpg").get("failure").asText().startsWith("image access failure: cannot read file:"));
        assertTrue(image("gone/missing.jpg").get("failure").asText().endsWith("missing.jpg: it does not exist"));
        assertEquals("image access failure: no uri in the photo list", image("no/uri.jpg").get("failure").asText());
        assertTrue(image("metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg").get("detections").isArray(),
                "a raw file: URI with spaces is read");
        assertEquals(11, summary.photos());
        assertEquals(3, summary.failed());
        List<String> warnings = LOG.warnings();
        assertTrue(warnings.contains("DetectorRun - edge_cases/error_img.JPG: empty file (0 bytes)"), String.join("\n", warnings));
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("DetectorRun - gone/missing.jpg: cannot read file:")
                && w.endsWith("missing.jpg: it does not exist")), String.join("\n", warnings));
        assertTrue(warnings.contains("DetectorRun - no/uri.jpg: no uri in the photo list"), String.join("\n", warnings));
    }

    @Test
    void aSecondRunReplacesTheFileWithTheSameResults() throws IOException {
        DetectorRun.run(env);
        JsonNode again = JSON.readTree(temp.resolve("out/stage1/detections.json").toFile());

        assertEquals(output.get("images"), again.get("images"));
        try (var files = Files.list(temp.resolve("out/stage1"))) {
            assertEquals(List.of("detections.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anEmptyPhotoListGivesAnEmptyImagesArray() throws IOException {
        Map<String, String> empty = new HashMap<>(env);
        empty.put("INPUT_URI", Files.writeString(temp.resolve("empty.jsonl"), "").toString());
        empty.put("OUTPUT_URI", temp.resolve("empty-run").toString());

        RunSummary summary = DetectorRun.run(empty);

        assertEquals(0, summary.photos());
        JsonNode written = JSON.readTree(temp.resolve("empty-run/detections.json").toFile());
        MegaDetectorOutputValidator.validate(written, List.of(), OUTPUT_THRESHOLD);
    }

    @Test
    void anUnreadablePhotoListStopsTheRun() {
        Map<String, String> broken = new HashMap<>(env);
        broken.put("INPUT_URI", temp.resolve("absent/images.jsonl").toString());
        broken.put("OUTPUT_URI", temp.resolve("never").toString());

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorRun.run(broken));

        assertEquals(DetectorFailure.CANNOT_PROCEED, failure.exitCode());
        assertTrue(failure.getMessage().startsWith("cannot read the photo list"), failure.getMessage());
        assertFalse(Files.exists(temp.resolve("never")));
    }

    @Test
    void aFileThatIsNoOnnxModelIsASettingsError() throws IOException {
        Map<String, String> broken = new HashMap<>(env);
        broken.put("DETECTOR_MODEL", Files.writeString(temp.resolve("not-a-model.onnx"), "hello").toString());

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> DetectorRun.run(broken));

        assertEquals(DetectorFailure.BAD_SETTINGS, failure.exitCode());
        assertTrue(failure.getMessage().contains("is not a loadable ONNX model"), failure.getMessage());
    }

    private static boolean hasDetection(String file, String category, double minConf) {
        for (JsonNode detection : image(file).get("detections")) {
            if (detection.get("category").asText().equals(category) && detection.get("conf").asDouble() >= minConf) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode image(String file) {
        for (JsonNode image : output.get("images")) {
            if (image.get("file").asText().equals(file)) {
                return image;
            }
        }
        throw new AssertionError(file + " is not in detections.json");
    }
}
