package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.storage.S3ClientFactory;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The s3:// half of the contract against a real S3 server (s3proxy, in memory, on loopback):
 * photo list, photos and detections.json all in a bucket, reached through MUNIN_S3_ENDPOINT.
 */
class DetectorS3RunTest {

    private static final String BUCKET = "munin-test";

    @TempDir
    static Path temp;
    /** An empty photo, a missing one and another run's checkpoint, on purpose: asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private static EmbeddedS3 server;
    private static Map<String, String> env;
    private static S3Client s3;

    @BeforeAll
    static void startS3() throws Exception {
        server = EmbeddedS3.start(BUCKET);
        env = server.detectorEnvironment();
        s3 = S3ClientFactory.fromEnvironment(env);
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsPhotosFromS3AndWritesDetectionsToS3() throws Exception {
        Path model = SharedData.fastestDet();
        put("photos/Station A/cattle.jpg", SharedData.image("speciesnet_test_data/domestic_cattle.jpg"));
        put("photos/Station A/empty.JPG", SharedData.image("edge_cases/error_img.JPG"));
        String imagesJsonl = String.join("\n",
                "{\"file\":\"Station A/cattle.jpg\",\"uri\":\"s3://" + BUCKET + "/photos/Station A/cattle.jpg\"}",
                "{\"file\":\"Station A/empty.JPG\",\"uri\":\"s3://" + BUCKET + "/photos/Station A/empty.JPG\"}",
                "{\"file\":\"Station A/gone.jpg\",\"uri\":\"s3://" + BUCKET + "/photos/Station A/gone.jpg\"}");
        s3.putObject(request -> request.bucket(BUCKET).key("run-1/stage0/images.jsonl"),
                RequestBody.fromString(imagesJsonl, StandardCharsets.UTF_8));

        Map<String, String> run = new HashMap<>(env);
        run.put("INPUT_URI", "s3://" + BUCKET + "/run-1/stage0/images.jsonl");
        run.put("OUTPUT_URI", "s3://" + BUCKET + "/run-1/stage1/");
        run.put("DETECTOR_MODEL", model.toString());
        RunSummary summary = DetectorRun.run(run);

        assertEquals("s3://" + BUCKET + "/run-1/stage1/detections.json", summary.output());
        JsonNode output = new ObjectMapper().readTree(
                s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("run-1/stage1/detections.json")).asByteArray());
        MegaDetectorOutputValidator.validate(output,
                List.of("Station A/cattle.jpg", "Station A/empty.JPG", "Station A/gone.jpg"), 0.1);
        assertEquals("1", output.at("/images/0/detections/0/category").asText());
        assertEquals("image access failure: empty file (0 bytes)", output.at("/images/1/failure").asText());
        assertEquals("image access failure: cannot read s3://" + BUCKET + "/photos/Station A/gone.jpg: it does not exist",
                output.at("/images/2/failure").asText());
        assertEquals(List.of("DetectorRun - Station A/empty.JPG: empty file (0 bytes)",
                "DetectorRun - Station A/gone.jpg: cannot read s3://" + BUCKET + "/photos/Station A/gone.jpg: it does not exist"),
                log.warnings());
    }

    @Test
    void takesTheModelFromS3AndWritesAShardWithItsCheckpointsRemovedAfterwards() throws Exception {
        byte[] model = TinyOnnxModel.yoloV5(320, 3, new float[] {160, 160, 100, 100, 0.9f, 0.9f, 0f, 0f}).bytes();
        s3.putObject(request -> request.bucket(BUCKET).key("models/tiny-md.onnx"), RequestBody.fromBytes(model));
        StringBuilder imagesJsonl = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            Path photo = TestPhotos.jpeg(temp.resolve("photo-" + i + ".jpg"), 400, 300, i);
            put("photos/p" + i + ".jpg", photo);
            imagesJsonl.append("{\"file\":\"p").append(i).append(".jpg\",\"uri\":\"s3://").append(BUCKET).append("/photos/p").append(i).append(".jpg\"}\n");
        }
        s3.putObject(request -> request.bucket(BUCKET).key("run-2/stage0/images.jsonl"), RequestBody.fromString(imagesJsonl.toString()));
        // a checkpoint of some other run under the same output: left alone, never used
        s3.putObject(request -> request.bucket(BUCKET).key("run-2/stage1/checkpoints/00001-of-00002/0123456789abcdef/part-00000000-00000001.json"),
                RequestBody.fromString("{}"));

        Map<String, String> run = new HashMap<>(env);
        run.put("INPUT_URI", "s3://" + BUCKET + "/run-2/stage0/images.jsonl");
        run.put("OUTPUT_URI", "s3://" + BUCKET + "/run-2/stage1");
        run.put("DETECTOR_MODEL", "s3://" + BUCKET + "/models/tiny-md.onnx");
        run.put("DETECTOR_MODEL_SHA256", ModelSource.sha256(model));
        run.put("DETECTOR_MODEL_CACHE", temp.resolve("cache").toString());
        run.put("DETECTOR_CHECKPOINT_EVERY", "1");
        run.put("AWS_BATCH_JOB_ARRAY_INDEX", "1");
        run.put("MUNIN_SHARD_COUNT", "2");
        RunSummary summary = DetectorRun.run(run);

        assertEquals("s3://" + BUCKET + "/run-2/stage1/shards/detections-00001-of-00002.json", summary.output());
        JsonNode output = new ObjectMapper().readTree(s3.getObjectAsBytes(
                request -> request.bucket(BUCKET).key("run-2/stage1/shards/detections-00001-of-00002.json")).asByteArray());
        MegaDetectorOutputValidator.validate(output, List.of("p2.jpg", "p3.jpg", "p4.jpg"), 0.1);
        assertEquals("tiny-md.onnx", output.at("/info/detector").asText());
        assertEquals("1", output.at("/images/0/detections/0/category").asText());
        List<String> keys = s3.listObjectsV2(request -> request.bucket(BUCKET).prefix("run-2/stage1/")).contents().stream()
                .map(S3Object::key).sorted().toList();
        assertEquals(List.of("run-2/stage1/checkpoints/00001-of-00002/0123456789abcdef/part-00000000-00000001.json",
                "run-2/stage1/shards/detections-00001-of-00002.json"), keys);
        assertEquals(List.of("Checkpoints - ignoring the checkpoints in s3://" + BUCKET + "/run-2/stage1/checkpoints/00001-of-00002/"
                + "0123456789abcdef: they belong to a run with another model, photo list or settings"), log.warnings());
    }

    private static void put(String key, Path file) {
        s3.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromFile(file));
    }
}
