package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.PhotoListFile;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS Batch array jobs: 3 children, each with its AWS_BATCH_JOB_ARRAY_INDEX, write 3 shard
 * files whose images, concatenated in shard order, are exactly a 1-shard run's images. Photos
 * of different shapes give different letterbox geometry, so every photo's boxes differ.
 */
class DetectorShardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    /** The list names a missing photo on purpose; the detector's warning about it is asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private final Map<String, String> env = new HashMap<>();
    private PhotoListFile list;

    @BeforeEach
    void photosAndModel() {
        list = new PhotoListFile();
        int[][] sizes = {{640, 480}, {480, 640}, {800, 200}, {300, 300}, {1000, 750}, {200, 900}, {640, 360}, {512, 512}, {90, 60}, {1200, 400}};
        for (int i = 0; i < sizes.length; i++) {
            list.add("station/photo-" + i + ".jpg", TestPhotos.jpeg(temp.resolve("photos/photo-" + i + ".jpg"), sizes[i][0], sizes[i][1], i));
        }
        list.addUri("station/missing.jpg", "file:" + temp.resolve("photos/missing.jpg"));
        Path model = TinyOnnxModel.yoloV5(320, 80,
                new float[] {100, 160, 120, 200, 0.9f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8f},    // dog
                new float[] {250, 100, 60, 80, 0.7f, 0.6f}).writeTo(temp.resolve("tiny-yolov5.onnx"));          // person
        env.put("INPUT_URI", list.writeTo(temp.resolve("images.jsonl")).toString());
        env.put("DETECTOR_MODEL", model.toString());
        env.put("DETECTOR_CHECKPOINT_EVERY", "2");
    }

    private JsonNode run(Path output, Integer index, Integer count) throws IOException {
        Map<String, String> shardEnv = new HashMap<>(env);
        shardEnv.put("OUTPUT_URI", output.toString());
        if (index != null) {
            shardEnv.put("AWS_BATCH_JOB_ARRAY_INDEX", index.toString());
            shardEnv.put("MUNIN_SHARD_COUNT", count.toString());
        }
        RunSummary summary = DetectorRun.run(shardEnv);
        return JSON.readTree(Path.of(summary.output().substring("file:".length())).toFile());
    }

    @Test
    void threeShardsConcatenatedInShardOrderAreTheOneShardRun() throws IOException {
        JsonNode whole = run(temp.resolve("whole"), null, null);
        ArrayNode merged = JSON.createArrayNode();
        for (int index = 0; index < 3; index++) {
            JsonNode shard = run(temp.resolve("sharded"), index, 3);
            merged.addAll((ArrayNode) shard.get("images"));
            List<String> slice = new Shard(index, 3).slice(list.files());
            MegaDetectorOutputValidator.validate(shard, slice, 0.1);
            assertEquals(index, shard.at("/info/detector_metadata/shard/index").asInt());
            assertEquals(new Shard(index, 3).first(11), shard.at("/info/detector_metadata/shard/first_entry").asInt());
            assertEquals(new Shard(index, 3).end(11), shard.at("/info/detector_metadata/shard/end_entry").asInt());
        }

        MegaDetectorOutputValidator.validate(whole, list.files(), 0.1);
        assertEquals(whole.get("images"), merged);
        assertEquals(List.of("shards/detections-00000-of-00003.json", "shards/detections-00001-of-00003.json",
                "shards/detections-00002-of-00003.json"), filesBelow(temp.resolve("sharded")),
                "only the shard files: no detections.json, and the spent checkpoints removed");
        assertEquals(List.of("detections.json"), filesBelow(temp.resolve("whole")));
    }

    @Test
    void everyPhotoGetsItsOwnBoxesSoTheComparisonCanFail() throws IOException {
        JsonNode whole = run(temp.resolve("whole"), null, null);
        assertFalse(whole.at("/images/0/detections").equals(whole.at("/images/1/detections")));
        assertTrue(whole.at("/images/10/failure").asText().startsWith("image access failure: cannot read"));
        assertEquals(List.of("DetectorRun - station/missing.jpg: cannot read file:" + temp.resolve("photos/missing.jpg") + ": it does not exist"),
                log.warnings());
    }

    @Test
    void moreShardsThanPhotosGivesValidEmptyShards() throws IOException {
        JsonNode empty = run(temp.resolve("many"), 0, 20);
        MegaDetectorOutputValidator.validate(empty, List.of(), 0.1);
        JsonNode last = run(temp.resolve("many"), 19, 20);
        MegaDetectorOutputValidator.validate(last, List.of("station/missing.jpg"), 0.1);
        assertTrue(Files.exists(temp.resolve("many/shards/detections-00019-of-00020.json")));
    }

    private static List<String> filesBelow(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString()).sorted().toList();
        }
    }
}
