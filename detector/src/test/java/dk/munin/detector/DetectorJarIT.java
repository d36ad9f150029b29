package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
        Path model = SharedData.fastestDet();
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

    /** The JVM's start-up alone passes a limit of a millisecond: a clean stop, exit 0 (Batch must not retry it), every photo listed. */
    @Test
    void aProcessWhoseStartUpSpendsItsLimitStopsCleanlyAndExitsZero() throws Exception {
        Path model = SharedData.fastestDet();
        String human = SharedData.image("speciesnet_test_data/human.jpg").toString();
        Path imagesJsonl = Files.writeString(temp.resolve("images.jsonl"),
                "{\"file\":\"speciesnet_test_data/human.jpg\",\"uri\":\"file:" + human + "\"}\n");

        Outcome outcome = run(Map.of(
                "INPUT_URI", "file:" + imagesJsonl,
                "OUTPUT_URI", temp.resolve("stage1").toString(),
                "DETECTOR_MODEL", model.toString(),
                "DETECTOR_STOP_AFTER_SECONDS", "0.001"));

        assertEquals(0, outcome.exitCode(), String.join("\n", outcome.stderr()));
        String last = outcome.stderr().get(outcome.stderr().size() - 1);
        assertTrue(last.endsWith("; stopped because the budget ran out: 1 photos not detected"), last);
        JsonNode output = new ObjectMapper().readTree(temp.resolve("stage1/detections.json").toFile());
        MegaDetectorOutputValidator.validate(output, List.of("speciesnet_test_data/human.jpg"), 0.1);
        assertEquals("not detected: budget exhausted", output.at("/images/0/failure").asText());
        assertTrue(output.at("/info/detector_metadata/detection_stop/seconds_spent").asDouble() > 0.001, output.at("/info").toString());
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

    @Test
    void fetchModelDownloadsVerifiesAndPrintsTheCachedFileAndAWrongChecksumExitsTwo() throws Exception {
        byte[] model = TinyOnnxModel.yoloV5(64, 3, new float[] {32, 32, 10, 10, 0.9f, 0.9f, 0f, 0f}).bytes();
        String sha256 = ModelSource.sha256(model);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/md_v5a.0.0.onnx", exchange -> {
            exchange.sendResponseHeaders(200, model.length);
            try (var body = exchange.getResponseBody()) {
                body.write(model);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/models/md_v5a.0.0.onnx";
            Outcome fetched = run(Map.of("DETECTOR_MODEL", url, "DETECTOR_MODEL_SHA256", sha256,
                    "DETECTOR_MODEL_CACHE", temp.resolve("cache").toString()), "fetch-model");
            Outcome wrong = run(Map.of("DETECTOR_MODEL", url, "DETECTOR_MODEL_SHA256", "0".repeat(64),
                    "DETECTOR_MODEL_CACHE", temp.resolve("other-cache").toString()), "fetch-model");

            assertEquals(0, fetched.exitCode(), String.join("\n", fetched.stderr()));
            Path cached = temp.resolve("cache").resolve(sha256).resolve("md_v5a.0.0.onnx");
            assertEquals(cached.toString(), fetched.stdout().trim());
            assertArrayEquals(model, Files.readAllBytes(cached));
            assertEquals(2, wrong.exitCode());
            String last = wrong.stderr().get(wrong.stderr().size() - 1);
            assertTrue(last.startsWith("munin-detector: error: DETECTOR_MODEL=" + url + " has SHA-256 " + sha256
                    + ", but DETECTOR_MODEL_SHA256 is " + "0".repeat(64)), last);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSystemPropertySetsASettingAndTheEnvironmentVariableOfTheSameSettingWins() throws Exception {
        Path model = SharedData.fastestDet();
        String human = SharedData.image("speciesnet_test_data/human.jpg").toString();
        Path imagesJsonl = Files.writeString(temp.resolve("images.jsonl"),
                "{\"file\":\"speciesnet_test_data/human.jpg\",\"uri\":\"file:" + human + "\"}\n");
        Map<String, String> contract = Map.of("INPUT_URI", "file:" + imagesJsonl, "OUTPUT_URI", temp.resolve("stage1").toString(),
                "DETECTOR_MODEL", model.toString());

        run(contract, List.of("-Ddetector.output-threshold=0.6", "-Ddetector.threads=1"));
        JsonNode fromProperty = new ObjectMapper().readTree(temp.resolve("stage1/detections.json").toFile());
        Map<String, String> withVariable = new java.util.HashMap<>(contract);
        withVariable.put("DETECTOR_OUTPUT_THRESHOLD", "0.4");
        run(withVariable, List.of("-Ddetector.output-threshold=0.6"));
        JsonNode fromVariable = new ObjectMapper().readTree(temp.resolve("stage1/detections.json").toFile());

        assertEquals(0.6, fromProperty.at("/info/detector_metadata/output_confidence_threshold").asDouble(), 1e-6);
        assertEquals(1, fromProperty.at("/info/detector_metadata/timing/threads").asInt());
        assertEquals(0.4, fromVariable.at("/info/detector_metadata/output_confidence_threshold").asDouble(), 1e-6);
    }

    private Outcome run(Map<String, String> contract, String... arguments) throws IOException, InterruptedException {
        return run(contract, List.of(), arguments);
    }

    private Outcome run(Map<String, String> contract, List<String> jvmOptions, String... arguments) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        // only the contract's variables, whatever the build's own environment holds
        builder.environment().keySet().removeIf(name -> name.startsWith("DETECTOR_") || name.startsWith("MUNIN_")
                || name.startsWith("AWS_BATCH") || name.equals("INPUT_URI") || name.equals("OUTPUT_URI"));
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
