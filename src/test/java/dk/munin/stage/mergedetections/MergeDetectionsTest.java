package dk.munin.stage.mergedetections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MergeDetections on hand-written shard files in the shape the detector's contract gives them. */
class MergeDetectionsTest {

    private static final List<String> PHOTOS = List.of("A/IMG_0001.JPG", "A/IMG_0002.JPG", "A/IMG_0003.JPG",
            "B/IMG_0001.JPG", "B/broken.JPG");

    @TempDir
    Path dir;
    /** Shards out of order are warned about: asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(MergeDetections.class);
    private final LocalFileStore store = new LocalFileStore();
    private final MergeDetections merge = new MergeDetections(store);
    private Path stage1;

    @BeforeEach
    void imagesJsonl() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String photo : PHOTOS) {
            lines.append("{\"file\": \"").append(photo).append("\", \"uri\": \"file:/photos/").append(photo).append("\"}\n");
        }
        Files.createDirectories(dir.resolve("stage0"));
        Files.writeString(dir.resolve("stage0/images.jsonl"), lines);
        stage1 = Files.createDirectories(dir.resolve("stage1"));
    }

    @Test
    void joinsThreeShardsIntoDetectionsJsonInImagesJsonlOrder() throws IOException {
        shard(0, 3, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        shard(1, 3, "2026-11-26 10:16:30", PHOTOS.subList(2, 4));
        shard(2, 3, "2026-11-26 10:15:00", PHOTOS.subList(4, 5));

        JsonNode state = merge.merge(state(3));

        JsonNode merged = detections();
        assertThat(files(merged)).isEqualTo(PHOTOS);
        assertThat(merged.at("/images/1/detections/0/conf").asDouble()).isEqualTo(0.81);
        assertThat(merged.at("/images/4/failure").asText()).isEqualTo("image access failure: empty file (0 bytes)");
        assertThat(merged.at("/images/4/detections").isNull()).isTrue();
        assertThat(merged.at("/info/detection_completion_time").asText()).as("the last shard to finish").isEqualTo("2026-11-26 10:16:30");
        assertThat(merged.at("/info/detector").asText()).isEqualTo("FastestDet.onnx");
        assertThat(merged.get("detection_categories")).isEqualTo(Json.parse("{\"1\": \"animal\", \"2\": \"person\", \"3\": \"vehicle\"}"));
        // as text: the parsed 5 is an int, the state's photos_timed a long
        assertThat(Json.write(state.get(RunState.MERGE_DETECTIONS))).isEqualTo(Json.write(Json.parse("""
                {"shards": 3, "merged_from_shards": true, "photos": 5, "detections_uri": "%s",
                 "photos_not_detected": 0, "stopped": null,
                 "detector_time": {"shards_timed": 3, "photos_timed": 5, "detect_seconds": 7.5, "process_seconds": 19.5}}"""
                .formatted(Location.of(stage1.resolve("detections.json")).uri()))));
    }

    /** A shard that stopped at its budget lists the photos it did not reach as entries: the file is whole, and they are counted. */
    @Test
    void photosAShardDidNotReachAreEntriesCountedAsNotDetectedNotMissing() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        ObjectNode stopped = batchFile("2026-11-26 10:14:09", PHOTOS.subList(2, 5));
        for (int i = 1; i < 3; i++) {
            ((ObjectNode) stopped.withArray("images").get(i)).put("failure", "not detected: budget exhausted").putNull("detections");
        }
        Files.write(stage1.resolve("shards/detections-00001-of-00002.json"), Json.writePretty(stopped));

        JsonNode state = merge.merge(state(2));

        assertThat(files(detections())).isEqualTo(PHOTOS);
        assertThat(detections().at("/images/4/failure").asText()).isEqualTo("not detected: budget exhausted");
        assertThat(state.at("/merge_detections/photos_not_detected").asInt()).isEqualTo(2);
        assertThat(state.at("/merge_detections/stopped").asText()).isEqualTo("budget");
        assertThat(log.warnings()).containsExactly("WARN The detector stopped at its budget: 2 of 5 photos were not detected");
    }

    @Test
    void aSingleJobStoppedAtMaxRuntimeMinIsCompleteAndSaysWhy() throws IOException {
        ObjectNode late = batchFile("2026-11-26 10:14:07", PHOTOS);
        for (int i = 0; i < PHOTOS.size(); i++) {
            ((ObjectNode) late.withArray("images").get(i)).put("failure", "not detected: max_runtime_min reached").putNull("detections");
        }
        Files.write(stage1.resolve("detections.json"), Json.writePretty(late));

        JsonNode state = merge.merge(state(1));

        assertThat(state.at("/merge_detections/photos_not_detected").asInt()).isEqualTo(5);
        assertThat(state.at("/merge_detections/stopped").asText()).isEqualTo("max_runtime_min");
    }

    @Test
    void theMergedMetadataDescribesAllShardsNotTheFirst() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        shard(1, 2, "2026-11-26 10:14:08", PHOTOS.subList(2, 5));

        merge.merge(state(2));

        JsonNode metadata = detections().at("/info/detector_metadata");
        assertThat(metadata.get("shard")).isEqualTo(Json.parse("{\"count\": 2, \"first_entry\": 0, \"end_entry\": 5, \"entries\": 5}"));
        assertThat(metadata.at("/timing/per_shard")).extracting(timing -> timing.get("photos").asInt()).containsExactly(2, 3);
        assertThat(metadata.get("image_size").asInt()).isEqualTo(352);
    }

    @Test
    void mergingAgainGivesTheSameFile() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", PHOTOS.subList(0, 3));
        shard(1, 2, "2026-11-26 10:14:09", PHOTOS.subList(3, 5));
        merge.merge(state(2));
        byte[] first = Files.readAllBytes(stage1.resolve("detections.json"));

        merge.merge(state(2));

        assertThat(Files.readAllBytes(stage1.resolve("detections.json"))).isEqualTo(first);
    }

    @Test
    void shardsInAnotherOrderStillGiveImagesJsonlOrder() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", List.of(PHOTOS.get(2), PHOTOS.get(0), PHOTOS.get(1)));
        shard(1, 2, "2026-11-26 10:14:07", List.of(PHOTOS.get(4), PHOTOS.get(3)));

        merge.merge(state(2));

        assertThat(files(detections())).isEqualTo(PHOTOS);
        assertThat(log.warnings()).containsExactly("WARN The shards list the photos in another order than images.jsonl; detections.json follows images.jsonl");
    }

    @Test
    void aMissingShardFailsNamingIt() throws IOException {
        shard(0, 3, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        shard(2, 3, "2026-11-26 10:14:07", PHOTOS.subList(4, 5));

        assertThatThrownBy(() -> merge.merge(state(3)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("1 shard file(s) missing")
                .hasMessageContaining("detections-00001-of-00003.json")
                .hasMessageNotContaining("detections-00000-of-00003.json");
        assertThat(stage1.resolve("detections.json")).doesNotExist();
    }

    @Test
    void aPhotoInNoShardFailsNamingIt() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        shard(1, 2, "2026-11-26 10:14:07", PHOTOS.subList(3, 5));

        assertThatThrownBy(() -> merge.merge(state(2)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("1 photo(s) in no shard (A/IMG_0003.JPG)");
    }

    @Test
    void aPhotoInTwoShardsFails() throws IOException {
        shard(0, 2, "2026-11-26 10:14:07", PHOTOS.subList(0, 3));
        shard(1, 2, "2026-11-26 10:14:07", PHOTOS.subList(2, 5));

        assertThatThrownBy(() -> merge.merge(state(2)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("A/IMG_0003.JPG is in more than one shard");
    }

    @Test
    void withoutShardFilesAnExistingCompleteDetectionsJsonIsLeftAsItIs() throws IOException {
        Path detections = Files.write(stage1.resolve("detections.json"), Json.writePretty(batchFile("2026-11-26 10:14:07", PHOTOS)));
        byte[] before = Files.readAllBytes(detections);

        JsonNode single = merge.merge(state(1));
        JsonNode arrayThatWroteItDirectly = merge.merge(state(3));

        assertThat(Files.readAllBytes(detections)).isEqualTo(before);
        assertThat(single.at("/merge_detections/merged_from_shards").asBoolean()).isFalse();
        assertThat(arrayThatWroteItDirectly.at("/merge_detections/merged_from_shards").asBoolean()).isFalse();
        assertThat(arrayThatWroteItDirectly.at("/merge_detections/shards").asInt()).isEqualTo(3);
    }

    @Test
    void aLeftOverDetectionsJsonOfOtherPhotosIsRefused() throws IOException {
        Files.write(stage1.resolve("detections.json"), Json.writePretty(batchFile("2026-11-26 10:14:07", PHOTOS.subList(0, 4))));

        assertThatThrownBy(() -> merge.merge(state(1)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("does not list the 5 photos of images.jsonl")
                .hasMessageContaining("it ends before B/broken.JPG");
    }

    @Test
    void aDetectionsJsonInAnotherOrderOrWithMorePhotosIsRefusedAtItsFirstDifference() throws IOException {
        List<String> swapped = new ArrayList<>(PHOTOS);
        swapped.set(1, PHOTOS.get(2));
        swapped.set(2, PHOTOS.get(1));
        Files.write(stage1.resolve("detections.json"), Json.writePretty(batchFile("2026-11-26 10:14:07", swapped)));
        assertThatThrownBy(() -> merge.merge(state(1)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("(5 entries); entry 1 is A/IMG_0003.JPG where images.jsonl has A/IMG_0002.JPG");

        Files.writeString(dir.resolve("stage0/images.jsonl"), "{\"file\": \"A/IMG_0001.JPG\", \"uri\": \"file:/photos/A/IMG_0001.JPG\"}\n");
        Files.write(stage1.resolve("detections.json"), Json.writePretty(batchFile("2026-11-26 10:14:07", PHOTOS.subList(0, 2))));
        assertThatThrownBy(() -> merge.merge(state(1)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("(2 entries); it goes on after the last photo with A/IMG_0002.JPG");
    }

    @Test
    void aDetectionsJsonThatIsNotABatchFileIsRefusedNamingIt() throws IOException {
        Files.writeString(stage1.resolve("detections.json"), "{\"info\": {\"format_version\": \"1.6\"}, \"images\": [{\"file\": ");

        assertThatThrownBy(() -> merge.merge(state(1)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("detections.json is not a MegaDetector batch output file: Not valid JSON");
    }

    @Test
    void noDetectionsJsonAndNoShardsFails() {
        assertThatThrownBy(() -> merge.merge(state(1)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("wrote no")
                .hasMessageContaining("detections.json");
        assertThatThrownBy(() -> merge.merge(state(3)))
                .isInstanceOf(DetectionsIncomplete.class)
                .hasMessageContaining("none of its 3 shard files (detections-00000-of-00003.json, ...)");
    }

    @Test
    void onlyTheShardsOfTheCurrentCountAreMerged() throws IOException {
        // A re-run with a different shard count leaves the old run's files beside the new ones.
        shard(0, 2, "2026-11-26 09:00:00", PHOTOS.subList(0, 1));
        shard(0, 3, "2026-11-26 10:14:07", PHOTOS.subList(0, 2));
        shard(1, 3, "2026-11-26 10:14:07", PHOTOS.subList(2, 4));
        shard(2, 3, "2026-11-26 10:14:07", PHOTOS.subList(4, 5));

        merge.merge(state(3));

        assertThat(files(detections())).isEqualTo(PHOTOS);
    }

    private JsonNode detections() throws IOException {
        return Json.parse(Files.readAllBytes(stage1.resolve("detections.json")));
    }

    private void shard(int index, int count, String completionTime, List<String> photos) throws IOException {
        Path file = stage1.resolve("shards").resolve(String.format("detections-%05d-of-%05d.json", index, count));
        Files.createDirectories(file.getParent());
        Files.write(file, Json.writePretty(batchFile(completionTime, photos)));
    }

    /** A complete MegaDetector batch file as the detector writes one (docs/megadetector-output-format.md). */
    private static ObjectNode batchFile(String completionTime, List<String> photos) {
        ObjectNode file = (ObjectNode) Json.parse("""
                {"info": {"format_version": "1.6", "detector": "FastestDet.onnx", "detection_completion_time": "%s",
                          "detector_metadata": {"image_size": 352, "output_confidence_threshold": 0.1,
                                                "shard": {"index": %d, "count": 2, "first_entry": %d, "end_entry": %d, "entries": 5},
                                                "timing": {"photos": %d, "photos_timed": %d, "wall_seconds": %.1f,
                                                           "process_seconds": %.1f}}},
                 "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                 "images": []}""".formatted(completionTime, PHOTOS.indexOf(photos.get(0)) == 0 ? 0 : 1,
                PHOTOS.indexOf(photos.get(0)), PHOTOS.indexOf(photos.get(0)) + photos.size(), photos.size(), photos.size(),
                // the detector's own timing: 1.5 s a photo, and 4 s of start-up per shard
                photos.size() * 1.5, photos.size() * 1.5 + 4));
        for (String photo : photos) {
            int index = PHOTOS.indexOf(photo);
            ObjectNode image = file.withArray("images").addObject().put("file", photo);
            if (photo.endsWith("broken.JPG")) {
                image.put("failure", "image access failure: empty file (0 bytes)");
                image.putNull("detections");
            } else {
                image.putArray("detections").addObject().put("category", "1").put("conf", 0.8 + index / 100.0)
                        .putArray("bbox").add(0.1).add(0.2).add(0.3).add(0.4);
            }
        }
        return file;
    }

    private JsonNode state(int shards) {
        ObjectNode state = Json.object().put("session_id", "s1");
        state.set("stage0_exif", TestStates.stage0Exif(Location.of(dir.resolve("stage0/images.jsonl")).uri(), PHOTOS.size()));
        state.set("cost_estimation", TestStates.costEstimation(Location.of(stage1).uri() + "/", shards));
        return state;
    }

    private static List<String> files(JsonNode detections) {
        List<String> files = new ArrayList<>();
        detections.get("images").forEach(image -> files.add(image.get("file").asText()));
        return files;
    }
}
