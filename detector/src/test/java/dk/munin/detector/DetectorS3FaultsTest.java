package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.S3Retries;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.Fault;
import dk.munin.contract.testing.FaultScript;
import dk.munin.contract.testing.FaultyS3Proxy;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.storage.S3ClientFactory;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector's own S3 client (the JDK HTTP client, bounds from MUNIN_S3_*) through a
 * {@link FaultyS3Proxy}: a run that meets every kind of fault writes the same detections as a
 * clean one; a photo S3 keeps failing stops the run naming it, instead of recording the photo as
 * unreadable, and the checkpoints written before it stay.
 */
class DetectorS3FaultsTest {

    private static final String BUCKET = "munin-faults";
    private static final int PHOTOS = 6;
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(800);

    @TempDir
    Path temp;
    /** The run logs its checkpoints and the photo it stops at: asserted where it matters, not printed. */
    @RegisterExtension
    final LogCapture log = new LogCapture();

    private EmbeddedS3 server;
    private FaultyS3Proxy proxy;
    private S3Client direct;

    @BeforeEach
    void start() throws Exception {
        server = EmbeddedS3.start(BUCKET);
        proxy = FaultyS3Proxy.start(server.endpoint(), FaultScript.none());
        direct = server.client();
        byte[] model = TinyOnnxModel.yoloV5(320, 3, new float[] {160, 160, 100, 100, 0.9f, 0.9f, 0f, 0f}).bytes();
        direct.putObject(request -> request.bucket(BUCKET).key("models/tiny-md.onnx"), RequestBody.fromBytes(model));
        StringBuilder imagesJsonl = new StringBuilder();
        for (int i = 0; i < PHOTOS; i++) {
            Path photo = TestPhotos.jpeg(temp.resolve("photo-" + i + ".jpg"), 400, 300, i);
            direct.putObject(request -> request.bucket(BUCKET).key(photoKey(photo.getFileName().toString())), RequestBody.fromFile(photo));
            imagesJsonl.append("{\"file\":\"").append(photo.getFileName()).append("\",\"uri\":\"s3://").append(BUCKET).append('/')
                    .append(photoKey(photo.getFileName().toString())).append("\"}\n");
        }
        direct.putObject(request -> request.bucket(BUCKET).key("run/stage0/images.jsonl"), RequestBody.fromString(imagesJsonl.toString()));
    }

    @AfterEach
    void stop() throws Exception {
        direct.close();
        proxy.close();
        server.close();
    }

    @Test
    void aRunThatMeetsEveryKindOfFaultWritesWhatACleanRunWrites() throws Exception {
        byte[] clean = detections(run(server.endpoint(), "clean"));
        List<Fault> kinds = List.of(Fault.INTERNAL_ERROR, Fault.SLOW_DOWN, Fault.RESET_DURING_REQUEST, Fault.RESET_DURING_RESPONSE,
                Fault.TRUNCATED_BODY, Fault.delay(READ_TIMEOUT.multipliedBy(2)));
        FaultScript script = FaultScript.firstTimes("GET", "models/tiny-md.onnx", Fault.TRUNCATED_BODY, 1)
                .or(FaultScript.firstTimes("GET", "run/stage0/images.jsonl", Fault.RESET_DURING_RESPONSE, 1))
                .or(FaultScript.firstTimes(request -> request.isObjectWrite() && request.key().endsWith("detections.json"),
                        Fault.RESET_DURING_REQUEST, 1));
        for (int i = 0; i < PHOTOS; i++) {
            script = script.or(FaultScript.firstTimes("GET", photoKey("photo-" + i + ".jpg"), kinds.get(i % kinds.size()), 1));
        }
        proxy.script(script);

        byte[] faulted = detections(run(proxy.endpoint(), "faulted"));

        List<Fault.Kind> injected = proxy.injected().stream().map(fault -> fault.fault().kind()).toList();
        assertEquals(PHOTOS + 3, injected.size(), proxy.injected().toString());
        assertTrue(injected.containsAll(kinds.stream().map(Fault::kind).toList()), proxy.injected().toString());
        assertEquals(withoutTimes(clean), withoutTimes(faulted));
    }

    @Test
    void aPhotoS3KeepsFailingStopsTheRunNamingItAndKeepsTheCheckpointsBeforeIt() {
        String failing = photoKey("photo-3.jpg");
        proxy.script(FaultScript.always("GET", failing, Fault.INTERNAL_ERROR));

        DetectorFailure failure = assertThrows(DetectorFailure.class, () -> run(proxy.endpoint(), "stopped"));

        String expected = "Cannot read s3://" + BUCKET + "/" + failing + ": S3 answered 500 (" + MAX_ATTEMPTS + " attempts)";
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
        assertEquals(MAX_ATTEMPTS, proxy.attempts("GET", failing));
        List<String> left = direct.listObjectsV2(request -> request.bucket(BUCKET).prefix("stopped/")).contents().stream()
                .map(S3Object::key).toList();
        assertTrue(left.stream().noneMatch(key -> key.endsWith("detections.json")), left.toString());
        assertEquals(3, left.stream().filter(key -> key.contains("/checkpoints/")).count(),
                "a checkpoint for each photo before the one that failed: " + left);
    }

    @Test
    void takesItsBoundsFromTheEnvironmentElseTheContainerDefaultsAndRefusesABadOneBeforeTheRun() {
        assertEquals(ContainerSettings.S3_RETRIES_WHEN_UNSET, S3ClientFactory.retries(Map.of()));
        assertEquals(9, S3ClientFactory.retries(Map.of("MUNIN_S3_MAX_ATTEMPTS", "9")).maxAttempts());
        Map<String, String> env = new HashMap<>(Map.of("INPUT_URI", "in.jsonl", "OUTPUT_URI", "out", "DETECTOR_MODEL", "m.onnx"));
        env.put("MUNIN_S3_MAX_ATTEMPTS", "many");
        DetectorFailure refused = assertThrows(DetectorFailure.class, () -> DetectorSettings.fromEnvironment(env));
        assertEquals(DetectorFailure.BAD_SETTINGS, refused.exitCode());
        assertTrue(refused.getMessage().contains("munin.s3.max-attempts"), refused.getMessage());
    }

    /** A run of the detector against {@code endpoint} with small bounds, writing under {@code prefix}. */
    private String run(String endpoint, String prefix) {
        Map<String, String> env = new HashMap<>(server.detectorEnvironment());
        env.put(S3ClientFactory.MUNIN_S3_ENDPOINT, endpoint);
        env.putAll(new S3Retries(MAX_ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(20),
                Duration.ofSeconds(1), READ_TIMEOUT).environment());
        env.put("INPUT_URI", "s3://" + BUCKET + "/run/stage0/images.jsonl");
        env.put("OUTPUT_URI", "s3://" + BUCKET + "/" + prefix + "/stage1/");
        env.put("DETECTOR_MODEL", "s3://" + BUCKET + "/models/tiny-md.onnx");
        env.put("DETECTOR_MODEL_CACHE", temp.resolve("cache-" + prefix).toString());
        env.put("DETECTOR_CHECKPOINT_EVERY", "1");
        env.put("DETECTOR_THREADS", "1");
        return DetectorRun.run(env).output();
    }

    private byte[] detections(String uri) {
        String key = uri.substring(("s3://" + BUCKET + "/").length());
        return direct.getObjectAsBytes(request -> request.bucket(BUCKET).key(key)).asByteArray();
    }

    /** The file without what is meant to differ between two runs: when they ran and how long they took. */
    private static JsonNode withoutTimes(byte[] json) throws Exception {
        ObjectNode root = (ObjectNode) new ObjectMapper().readTree(json);
        ObjectNode info = (ObjectNode) root.path("info");
        info.remove("detection_completion_time");
        ObjectNode metadata = (ObjectNode) info.path("detector_metadata");
        metadata.remove("timing");
        return root;
    }

    private static String photoKey(String name) {
        return "photos/Station A/" + name;
    }
}
