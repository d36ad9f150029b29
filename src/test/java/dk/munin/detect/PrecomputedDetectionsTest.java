package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.stage.stage0exif.Stage0Exif;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The precomputed mode: a MegaDetector batch output file made elsewhere becomes
 * stage1/detections.json for the photos of images.jsonl, which the real Stage-0 writes here.
 */
class PrecomputedDetectionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
    private static final String ENA24_SUBSET = "reference/megadetector/ena24_zamba_subset.md.4.1.0.json";

    @TempDir
    Path dir;
    /** Photos missing from the file are warned about: asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(PrecomputedDetections.class);
    private final LocalFileStore store = new LocalFileStore();

    @Test
    void theRealMegaDetectorOutputForTheEna24PhotosBecomesDetectionsJson() throws IOException {
        Path photos = SharedData.require("images/ena24_zamba");
        Path mdFile = SharedData.require(ENA24_SUBSET);
        JsonNode original = Json.parse(Files.readAllBytes(mdFile));

        JsonNode detections = run(photos, mdFile.toString(), 0.1);

        assertFollowsMuninsRules(detections);
        assertThat(files(detections)).containsExactly("2480.jpg", "2595.jpg", "4383.jpg", "49.jpg", "8200.jpg");
        for (JsonNode image : detections.get("images")) {
            JsonNode md = imageOf(original, image.get("file").asText());
            assertThat(image.get("detections")).as(image.get("file").asText()).hasSize(md.get("detections").size());
            for (int i = 0; i < md.get("detections").size(); i++) {
                JsonNode expected = md.get("detections").get(i);
                JsonNode actual = image.get("detections").get(i);
                assertThat(actual.get("category").asText()).isEqualTo("1");
                assertThat(actual.get("conf").asDouble()).isEqualTo(expected.get("conf").asDouble());
                assertThat(actual.get("bbox")).isEqualTo(expected.get("bbox"));
            }
        }
        assertThat(detections.at("/info/detection_completion_time").asText()).isEqualTo("2021-07-14 14:57:28");
        assertThat(detections.at("/info/detector_metadata/precomputed_format_version").asText()).isEqualTo("1.0");
        assertThat(detections.at("/info/detector_metadata/precomputed_file").asText()).isEqualTo(Location.of(mdFile).uri());
    }

    @Test
    void photosBelowAnotherRootAreFoundByTheirPathSuffixAndTheRestAreNotInTheFile() throws IOException {
        Path photos = SharedData.require("images");
        Path mdFile = SharedData.require(ENA24_SUBSET);

        JsonNode detections = run(photos, mdFile.toString(), 0.1);

        assertFollowsMuninsRules(detections);
        assertThat(detections.get("images")).hasSize(83);
        Map<String, JsonNode> byFile = byFile(detections);
        for (String ena24 : List.of("2480.jpg", "2595.jpg", "4383.jpg", "49.jpg", "8200.jpg")) {
            assertThat(byFile.get("ena24_zamba/" + ena24).get("detections")).as(ena24).hasSize(1);
        }
        assertThat(byFile.get("speciesnet_test_data/human.jpg").get("failure").asText()).isEqualTo("not in the precomputed MegaDetector file");
        assertThat(byFile.values().stream().filter(image -> image.get("detections").isNull())).hasSize(78);
        assertThat(log.warnings()).containsExactly(
                "WARN 78 photos are not in the precomputed file (or ambiguous there); detections.json marks them as failures");
    }

    @Test
    void absoluteWindowsPathsMatchByTheirLastSegments() throws IOException {
        Path photos = photos("StationA/IMG_0001.JPG", "StationA/IMG_0002.JPG", "StationB/IMG_0001.JPG", "StationB/IMG_0012.JPG");
        Path mdFile = mdFile("""
                {"info": {"format_version": "1.3", "detector": "md_v5a.0.0.pt", "detection_completion_time": "2024-02-03 04:05:06"},
                 "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                 "images": [
                  {"file": "D:\\\\traps\\\\2023\\\\StationA\\\\IMG_0001.JPG", "max_detection_conf": 0.91, "detections": [
                     {"category": "2", "conf": 0.42, "bbox": [0.5, 0.5, 0.1, 0.2]},
                     {"category": "1", "conf": 0.91, "bbox": [0.1, 0.2, 0.3, 0.4], "classifications": [["3", 0.8]]},
                     {"category": "1", "conf": 0.05, "bbox": [0.7, 0.7, 0.1, 0.1]}]},
                  {"file": "D:\\\\traps\\\\2023\\\\StationA\\\\IMG_0002.JPG", "failure": "Failure image access", "detections": null},
                  {"file": "D:\\\\traps\\\\2023\\\\StationB\\\\IMG_0001.JPG", "detections": []},
                  {"file": "D:\\\\traps\\\\2023\\\\StationB\\\\IMG_00012.JPG", "detections": []}]}""");

        JsonNode detections = run(photos, mdFile.toString(), 0.1);

        assertFollowsMuninsRules(detections);
        Map<String, JsonNode> byFile = byFile(detections);
        assertThat(byFile.get("StationA/IMG_0001.JPG").get("detections")).isEqualTo(Json.parse("""
                [{"category": "1", "conf": 0.91, "bbox": [0.1, 0.2, 0.3, 0.4]},
                 {"category": "2", "conf": 0.42, "bbox": [0.5, 0.5, 0.1, 0.2]}]"""));
        assertThat(byFile.get("StationA/IMG_0002.JPG").get("failure").asText()).isEqualTo("Failure image access");
        assertThat(byFile.get("StationB/IMG_0001.JPG").get("detections")).isEmpty();
        assertThat(byFile.get("StationB/IMG_0012.JPG").get("failure").asText())
                .as("IMG_00012.JPG is another photo, not a suffix match").isEqualTo("not in the precomputed MegaDetector file");
        assertThat(detections.at("/info/detector").asText()).isEqualTo("md_v5a.0.0.pt");
        assertThat(log.warnings()).containsExactly(
                "WARN 1 photos are not in the precomputed file (or ambiguous there); detections.json marks them as failures");
    }

    @Test
    void aPathSuffixThatFitsSeveralEntriesOrPhotosIsAmbiguous() throws IOException {
        Path photos = photos("IMG_0001.JPG", "A/IMG_0002.JPG", "B/IMG_0002.JPG", "C/IMG_0003.JPG", "IMG_0003.JPG");
        Path mdFile = mdFile("""
                {"info": {"format_version": "1.6"}, "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                 "images": [
                  {"file": "/data/A/IMG_0001.JPG", "detections": []},
                  {"file": "/data/B/IMG_0001.JPG", "detections": []},
                  {"file": "IMG_0002.JPG", "detections": []},
                  {"file": "IMG_0003.JPG", "detections": [{"category": "3", "conf": 0.7, "bbox": [0.1, 0.1, 0.2, 0.2]}]}]}""");

        Map<String, JsonNode> byFile = byFile(run(photos, mdFile.toString(), 0.1));

        assertThat(byFile.get("IMG_0001.JPG").get("failure").asText())
                .startsWith("ambiguous in the precomputed MegaDetector file").contains("/data/A/IMG_0001.JPG", "/data/B/IMG_0001.JPG");
        assertThat(byFile.get("A/IMG_0002.JPG").get("failure").asText()).startsWith("ambiguous").contains("2 photos");
        assertThat(byFile.get("B/IMG_0002.JPG").get("failure").asText()).startsWith("ambiguous");
        assertThat(byFile.get("IMG_0003.JPG").get("detections")).hasSize(1);
        assertThat(byFile.get("C/IMG_0003.JPG").get("failure").asText())
                .as("the exact match owns the entry").isEqualTo("not in the precomputed MegaDetector file");
        assertThat(log.warnings()).containsExactly(
                "WARN 4 photos are not in the precomputed file (or ambiguous there); detections.json marks them as failures");
    }

    @Test
    void categoriesAreFoundByNameAndTheOutputThresholdApplies() throws IOException {
        Path photos = photos("a.jpg");
        Path mdFile = mdFile("""
                {"info": {"format_version": 1.1}, "detection_categories": {"0": "Person", "1": "vehicle", "2": "animal"},
                 "images": [{"file": "a.jpg", "detections": [
                   {"category": "0", "conf": 0.6, "bbox": [0.1, 0.1, 0.2, 0.2]},
                   {"category": "1", "conf": 0.25, "bbox": [0.4, 0.4, 0.2, 0.2]},
                   {"category": "2", "conf": 0.9, "bbox": [0.6, 0.6, 0.2, 0.2]}]}]}""");

        JsonNode detections = run(photos, mdFile.toString(), 0.3);

        assertFollowsMuninsRules(detections);
        assertThat(detections.at("/images/0/detections")).extracting(d -> d.get("category").asText() + "@" + d.get("conf").asDouble())
                .containsExactly("1@0.9", "2@0.6");
        assertThat(detections.at("/info/detector").asText()).startsWith("MegaDetector (precomputed");
        assertThat(detections.at("/info/detection_completion_time").asText()).isEqualTo("2026-11-26 10:00:00");
    }

    @Test
    void aFileMuninCannotUseIsRefusedWithTheReason() throws IOException {
        Path photos = photos("a.jpg");

        assertRefused(photos, "{\"info\": {\"format_version\": \"1.7\"}, \"images\": []}", "format_version 1.7 is not one Munin reads (1.0 to 1.6)");
        assertRefused(photos, "{\"images\": []}", "no info.format_version");
        assertRefused(photos, "{\"info\": {\"format_version\": \"1.4\"}}", "no 'images' array");
        assertRefused(photos, """
                {"info": {"format_version": "1.4"}, "detection_categories": {"1": "animal", "4": "group"}, "images": []}""",
                "detection category '4' is 'group'");
        assertRefused(photos, """
                {"info": {"format_version": "1.4"}, "detection_categories": {"1": "animal"},
                 "images": [{"file": "a.jpg", "detections": [{"category": "1", "conf": 1.5, "bbox": [0, 0, 1, 1]}]}]}""",
                "conf is not a number from 0 to 1");
        assertRefused(photos, """
                {"info": {"format_version": "1.4"}, "images": [{"file": "a.jpg", "detections": [{"category": "2", "conf": 0.5, "bbox": [0, 0, 1]}]}]}""",
                "bbox is not four numbers");
        assertRefused(photos, """
                {"info": {"format_version": "1.4"}, "images": [{"file": "a.jpg", "detections": []}, {"file": "./a.jpg", "detections": []}]}""",
                "lists 'a.jpg' twice");
        assertRefused(photos, "not json", "cannot be used");
    }

    @Test
    void withoutAFileTheModeSaysWhatToSet() {
        assertThatThrownBy(() -> new PrecomputedDetections(store, " ", 0.1, CLOCK).checkConfigured())
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("munin.detect.precomputed-file is empty");
        assertThatThrownBy(() -> new PrecomputedDetections(store, dir.resolve("md.json").toString(), 0.1, CLOCK).checkConfigured())
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void anArrayJobStillGetsTheWholeDetectionsJson() throws IOException {
        Path photos = photos("a.jpg", "b.jpg");
        Path mdFile = mdFile("""
                {"info": {"format_version": "1.5"}, "images": [{"file": "a.jpg", "detections": []}, {"file": "b.jpg", "detections": []}]}""");
        Path imagesJsonl = imagesJsonl(photos);
        JsonNode parameters = Json.parse("""
                {"JobName": "munin-detector-s1", "JobQueue": "q", "JobDefinition": "d", "ArrayProperties": {"Size": 2},
                 "ContainerOverrides": {"Environment": [{"Name": "INPUT_URI", "Value": "%s"}, {"Name": "OUTPUT_URI", "Value": "%s"},
                   {"Name": "MUNIN_SHARD_COUNT", "Value": "2"}]}}""".formatted(Location.of(imagesJsonl).uri(), Location.of(dir.resolve("stage1")).uri()));

        JsonNode job = new PrecomputedDetections(store, mdFile.toString(), 0.1, CLOCK).submitJob(parameters);

        assertThat(job.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.get("StatusReason").asText()).contains("2 of 2 photos found");
        assertThat(files(Json.parse(Files.readAllBytes(dir.resolve("stage1/detections.json"))))).containsExactly("a.jpg", "b.jpg");
        assertThat(dir.resolve("stage1/shards")).doesNotExist();
    }

    // --- helpers ---------------------------------------------------------------------------

    private void assertRefused(Path photos, String content, String reason) throws IOException {
        Path mdFile = mdFile(content);
        assertThatThrownBy(() -> run(photos, mdFile.toString(), 0.1))
                .isInstanceOf(InvalidPrecomputedDetections.class)
                .hasMessageContaining(mdFile.getFileName().toString())
                .hasMessageContaining(reason);
    }

    /** Runs Stage-0 on the photos, then the precomputed driver as the detect route would; returns detections.json. */
    private JsonNode run(Path photos, String precomputedFile, double threshold) throws IOException {
        Path imagesJsonl = imagesJsonl(photos);
        Path stage1 = dir.resolve("stage1");
        JsonNode parameters = Json.parse("""
                {"JobName": "munin-detector-s1", "JobQueue": "q", "JobDefinition": "d",
                 "ContainerOverrides": {"Environment": [{"Name": "INPUT_URI", "Value": "%s"}, {"Name": "OUTPUT_URI", "Value": "%s"}]}}"""
                .formatted(Location.of(imagesJsonl).uri(), Location.of(stage1).uri()));

        JsonNode job = new PrecomputedDetections(store, precomputedFile, threshold, CLOCK).submitJob(parameters);

        assertThat(job.get("Status").asText()).isEqualTo("SUCCEEDED");
        return Json.parse(Files.readAllBytes(stage1.resolve("detections.json")));
    }

    private Path imagesJsonl(Path photos) {
        Path output = dir.resolve("out");
        Stage0Exif stage0 = Stage0Fixtures.stage(store, CLOCK, java.util.Map.of());
        JsonNode state = stage0.run(Json.parse("""
                {"session_id": "s1", "input_uri": "%s", "output_uri": "%s", "max_images": 1000}"""
                .formatted(Location.of(photos).uri(), Location.of(output).uri())));
        return Location.parse(state.at("/stage0_exif/images_uri").asText()).path();
    }

    private Path photos(String... files) throws IOException {
        Path photos = dir.resolve("photos");
        for (String file : files) {
            TestPhotos.jpeg().writeTo(photos.resolve(file));
        }
        return photos;
    }

    private int mdFiles;

    private Path mdFile(String content) throws IOException {
        return Files.writeString(dir.resolve("md-results-" + (++mdFiles) + ".json"), content);
    }

    /** docs/megadetector-output-format.md's rules that do not depend on the detector having run. */
    private static void assertFollowsMuninsRules(JsonNode detections) {
        List<String> topLevel = new ArrayList<>();
        detections.fieldNames().forEachRemaining(topLevel::add);
        assertThat(topLevel).containsExactly("info", "detection_categories", "images");
        assertThat(detections.at("/info/format_version").asText()).isEqualTo(dk.munin.contract.megadetector.MegaDetectorFile.FORMAT_VERSION);
        assertThat(detections.at("/info/detection_completion_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(detections.get("detection_categories")).isEqualTo(Json.parse("{\"1\": \"animal\", \"2\": \"person\", \"3\": \"vehicle\"}"));
        for (JsonNode image : detections.get("images")) {
            List<String> keys = new ArrayList<>();
            image.fieldNames().forEachRemaining(keys::add);
            if (image.has("failure")) {
                assertThat(keys).containsExactly("file", "failure", "detections");
                assertThat(image.get("detections").isNull()).isTrue();
                assertThat(image.get("failure").asText()).isNotBlank();
                continue;
            }
            assertThat(keys).containsExactly("file", "detections");
            double previous = 1.0;
            for (JsonNode detection : image.get("detections")) {
                List<String> fields = new ArrayList<>();
                detection.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).containsExactly("category", "conf", "bbox");
                assertThat(detection.get("category").asText()).isIn("1", "2", "3");
                assertThat(detection.get("conf").isDouble()).isTrue();
                assertThat(detection.get("conf").asDouble()).isLessThanOrEqualTo(previous);
                previous = detection.get("conf").asDouble();
                assertThat(detection.get("bbox")).hasSize(4).allSatisfy(value -> assertThat(value.isDouble()).isTrue());
            }
        }
    }

    private static JsonNode imageOf(JsonNode mdFile, String file) {
        for (JsonNode image : mdFile.get("images")) {
            if (image.get("file").asText().equals(file)) {
                return image;
            }
        }
        throw new AssertionError(file + " is not in the MegaDetector file");
    }

    private static List<String> files(JsonNode detections) {
        List<String> files = new ArrayList<>();
        detections.get("images").forEach(image -> files.add(image.get("file").asText()));
        return files;
    }

    private static Map<String, JsonNode> byFile(JsonNode detections) {
        Map<String, JsonNode> byFile = new LinkedHashMap<>();
        for (Iterator<JsonNode> it = detections.get("images").elements(); it.hasNext(); ) {
            JsonNode image = it.next();
            byFile.put(image.get("file").asText(), image);
        }
        return byFile;
    }
}
