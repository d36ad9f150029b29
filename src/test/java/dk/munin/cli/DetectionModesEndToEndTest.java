package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static dk.munin.testing.RunReports.statesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `munin run` in the detection modes other than the default single local job: a precomputed
 * MegaDetector file instead of a detector, and a local run split into shards (an array job of
 * real detector processes) whose shard files MergeDetections joins.
 */
class DetectionModesEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final String ENA24_SUBSET = "reference/megadetector/ena24_zamba_subset.md.4.1.0.json";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Test
    void theEna24PhotosRunWithTheirRealMegaDetectorOutputAndNoModel() throws Exception {
        Path photos = SharedData.require("images/ena24_zamba");
        Path mdFile = SharedData.require(ENA24_SUBSET);
        Path output = dir.resolve("results");
        Properties settings = precomputed(mdFile.toString());

        // no detector runs, so only the Lambda stages, Step Functions, S3 and logs are priced: under 2 øre
        int exit = munin(settings, "run", "--input", photos.toString(), "--output", output.toString(), "--budget-dkk", "0.02");

        assertThat(exit).as(console()).isZero();
        JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
        assertThat(report.at("/budget/cost_estimate/estimated_cost").asDouble()).as("the detector's part").isZero();
        assertThat(report.at("/budget/estimated_cost_dkk").asDouble()).isPositive().isLessThan(0.02);
        assertThat(report.at("/cost/actual/components/detector/dkk").asDouble()).as("no detector ran").isZero();
        // munin.budget.step-functions.transitions-per-run is the workflow's path, as this run took it
        assertThat(report.at("/cost/estimated/components/step_functions/quantity").asDouble())
                .isEqualTo(report.at("/cost/actual/components/step_functions/quantity").asDouble()).isEqualTo(statesIn(report).size());
        assertThat(console()).containsPattern("cost {8}estimated 0\\.0\\d{3} DKK, spent 0\\.0\\d{3} DKK \\(HYBRID, "
                + "0\\.\\d{3} CPU-hours\\) of budget 0\\.02 DKK");
        assertThat(statesIn(report)).containsExactly("RecordExecution", "GuardBudget", "ChooseStage0Reading", "Stage0Exif", "CostEstimation",
                "ChooseJobQueue", "UseSpotQueue", "ChooseDetectionJob", "SubmitBatchStage1", "MergeDetections", "Stage2Post", "WeatherEnrichment", "WriteParquet",
                "CheckDetectionStopped", "Success");
        assertThat(report.at("/detections/photos_with_detections").asInt()).isEqualTo(5);
        assertThat(report.at("/detections/detections_counted").asInt()).isEqualTo(5);
        assertThat(report.at("/detections/model_family").asText()).as("the file names no detector: MDv5's defaults").isEqualTo("megadetector-v5");
        JsonNode detections = Json.parse(Files.readAllBytes(output.resolve("stage1/detections.json")));
        assertThat(detections.at("/info/detector_metadata/precomputed_file").asText()).endsWith(ENA24_SUBSET);
        assertThat(detections.get("images")).hasSize(5)
                .allSatisfy(image -> assertThat(image.at("/detections/0/conf").asDouble()).isEqualTo(0.999));
        assertThat(console()).contains("✓ Success").doesNotContain("No detector model");
    }

    @Test
    void aPrecomputedFileInS3IsReadFromS3() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start("field-season")) {
            put(s3, "raw/StationA/IMG_0001.JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).bytes());
            put(s3, "raw/StationA/IMG_0002.JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 5)).bytes());
            put(s3, "md/season-2024.json", """
                    {"info": {"format_version": "1.4", "detector": "md_v5a.0.0.pt"},
                     "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                     "images": [
                       {"file": "/mnt/cards/2024/StationA/IMG_0001.JPG", "detections": [{"category": "1", "conf": 0.95, "bbox": [0.1, 0.1, 0.3, 0.3]}]},
                       {"file": "/mnt/cards/2024/StationA/IMG_0002.JPG", "detections": [{"category": "1", "conf": 0.88, "bbox": [0.2, 0.1, 0.3, 0.3]}]}]}
                    """.getBytes(StandardCharsets.UTF_8));
            Properties settings = precomputed("s3://field-season/md/season-2024.json");
            settings.putAll(s3.camelProperties());

            int exit = munin(settings, "run", "--input", "s3://field-season/raw/", "--output", "s3://field-season/results/",
                    "--budget-dkk", "1");

            assertThat(exit).as(console()).isZero();
            JsonNode detections = Json.parse(get(s3, "results/stage1/detections.json"));
            assertThat(detections.get("images")).extracting(image -> image.get("file").asText())
                    .containsExactly("StationA/IMG_0001.JPG", "StationA/IMG_0002.JPG");
            assertThat(detections.at("/info/detector").asText()).isEqualTo("md_v5a.0.0.pt");
            JsonNode report = Json.parse(get(s3, "results/run_report.json"));
            assertThat(report.at("/detections/events").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aRunSplitIntoThreeShardsFindsWhatOneJobFinds() throws Exception {
        assumeTrue(Files.isReadable(DETECTOR_JAR), "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath()
                + " (`make test` and `make build` build it first)");
        assumeTrue(detectorSupportsShards(), "Skipped: the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " has no shard "
                + "support yet (no MUNIN_SHARD_COUNT in its classes): each array child would write the whole detections.json "
                + "instead of shards/detections-<i>-of-<N>.json. This test runs once detector/ implements the shard contract.");
        Path photos = dir.resolve("photos");
        for (int i = 1; i <= 7; i++) {
            TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, i)).writeTo(photos.resolve("StationA/IMG_000" + i + ".JPG"));
        }
        Files.write(photos.resolve("StationA/broken.JPG"), new byte[0]);
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f);

        Path oneJob = dir.resolve("one-job");
        int single = munin(new Properties(), "run", "--manifest", manifest(photos, oneJob, 3600).toString(), "--model", model.toString());
        Path sharded = dir.resolve("three-shards");
        // 8 photos x 18 s = 144 s of estimated detection; at 0.8 x 60 s per shard that is 3 shards
        Properties slowFrames = new Properties();
        slowFrames.setProperty("munin.budget.ms-per-frame", "18000");
        int three = munin(slowFrames, "run", "--manifest", manifest(photos, sharded, 60).toString(), "--model", model.toString());

        assertThat(single).as(console()).isZero();
        assertThat(three).as(console()).isZero();
        for (int shard = 0; shard < 3; shard++) {
            assertThat(sharded.resolve("stage1").resolve(Stage1Files.SHARDS_FOLDER).resolve(Stage1Files.shardName(shard, 3)))
                    .as("the detector wrote shard %d of 3", shard).exists();
        }
        JsonNode report = Json.parse(Files.readAllBytes(sharded.resolve("run_report.json")));
        assertThat(report.at("/budget/cost_estimate/shards").asInt()).isEqualTo(3);
        assertThat(statesIn(report)).contains("SubmitBatchStage1Array", "MergeDetections").doesNotContain("SubmitBatchStage1");
        JsonNode fromOneJob = Json.parse(Files.readAllBytes(oneJob.resolve("stage1/detections.json")));
        JsonNode fromShards = Json.parse(Files.readAllBytes(sharded.resolve("stage1/detections.json")));
        assertThat(fromShards.get("images")).isEqualTo(fromOneJob.get("images"));
        assertThat(fromShards.get("images")).hasSize(8);
    }

    /** The detector's classes name MUNIN_SHARD_COUNT once it implements the shard contract. */
    private static boolean detectorSupportsShards() throws IOException {
        byte[] marker = "MUNIN_SHARD_COUNT".getBytes(StandardCharsets.UTF_8);
        try (ZipFile jar = new ZipFile(DETECTOR_JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("dk/munin/detector/") && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        if (contains(in.readAllBytes(), marker)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private Path manifest(Path photos, Path output, int maxJobDuration) throws IOException {
        return Files.writeString(dir.resolve(output.getFileName() + "-manifest.json"), """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5, "max_job_duration": %d, "session_id": "shards-test"}"""
                .formatted(photos, output, maxJobDuration));
    }

    private static Properties precomputed(String file) {
        Properties settings = new Properties();
        settings.setProperty("munin.detect.mode", "precomputed");
        settings.setProperty("munin.detect.precomputed-file", file);
        settings.setProperty("munin.weather.providers", "none");
        return settings;
    }

    private int munin(Properties settings, String... args) {
        Properties overrides = new Properties();
        overrides.setProperty("munin.weather.providers", "none");
        overrides.putAll(settings);
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            return new MuninCli(out, Clock.systemUTC(), overrides).execute(args);
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private static void put(EmbeddedS3 s3, String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket("field-season").key(key).build(), new ByteArrayInputStream(content));
    }

    private static byte[] get(EmbeddedS3 s3, String key) throws Exception {
        try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob("field-season", key)) {
            return in.readAllBytes();
        }
    }
}
