package dk.munin.cli;

import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.RunOutputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's promise at the size of the shared photos: the real ASL, embedded, reads a run on S3
 * through the Distributed Map (ReadPhotoBatches in batches of 7 objects, 3 at a time, then
 * MergePhotoBatches), and every output equals that of the same run read by one Stage0Exif
 * invocation: images.jsonl byte for byte, the detections, Parquet row by row, the record table,
 * the Camtrap DP package and the report but for its timings and its list of states. The batches
 * cut the stations' photos anywhere, a non-photo and a hidden file among them. `make bench-scale`
 * does the same with 100,000 photos.
 */
class BatchedStage0EndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector/target/munin-detector.jar");
    private static final String BUCKET = "field-season";

    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private Path model;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(DETECTOR_JAR), "Skipped: needs the detector jar (`make test` and `make build` build it first)");
        Path photos = SharedData.image("camtrapR_sabah");
        model = SharedData.fastestDet();
        s3 = EmbeddedS3.start(BUCKET);
        try (Stream<Path> files = Files.walk(photos)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                put("frames/sabah/" + photos.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        // not photos: listed by the Map's ItemReader, skipped by the batches as by a listing
        put("frames/sabah/StationA/notes.txt", "battery changed".getBytes(StandardCharsets.UTF_8));
        put("frames/sabah/StationB/._IMG_0001.JPG", new byte[]{0, 5, 22, 7});
    }

    @AfterEach
    void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aRunReadInBatchesByTheDistributedMapHasTheOutputsOfOneReadWhole() throws Exception {
        run("whole", 1_000_000);
        run("batched", 10);

        RunOutputs one = outputs("whole");
        RunOutputs many = outputs("batched");
        List<String> shards = many.objects().keySet().stream().filter(key -> key.contains("/stage0/batches/")).toList();
        assertThat(shards).hasSize(5).allSatisfy(key -> assertThat(key).matches("_work/sabah/stage0/batches/\\d{10}\\.jsonl"));
        assertThat(many.objects().keySet()).anyMatch(key -> key.matches("_work/sabah/stage0/map-results/[0-9a-f-]{36}/manifest\\.json"));

        assertThat(new String(many.objects().get("stage0/images.jsonl"), StandardCharsets.UTF_8))
                .isEqualTo(new String(one.objects().get("stage0/images.jsonl"), StandardCharsets.UTF_8));
        Map<String, Object> expected = one.comparableResults(dir);
        assertThat(expected).containsKeys("clusters.parquet", "detections.parquet", "stage1/detections.json", "run_report.json");
        assertThat(many.comparableResults(dir)).isEqualTo(expected);
        // the one difference meant: the batched run is priced with its 5 batches' invocations and child executions
        assertThat(estimated(many)).isGreaterThan(estimated(one));
        assertThat(many.states()).containsSubsequence("GuardBudget", "ChooseStage0Reading", "ReadPhotoBatches", "MergePhotoBatches",
                "CostEstimation").doesNotContain("Stage0Exif");
        assertThat(one.states()).containsSubsequence("GuardBudget", "ChooseStage0Reading", "Stage0Exif", "CostEstimation");
    }

    private void run(String output, int batchesFromPhotos) throws Exception {
        Properties settings = s3.camelProperties();
        settings.setProperty("munin.weather.providers", "none");
        settings.setProperty("munin.stage0.batches.from-photos", String.valueOf(batchesFromPhotos));
        settings.setProperty("munin.stage0.batches.photos-per-batch", "7");
        settings.setProperty("munin.stage0.batches.max-concurrency", "3");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            exit = new MuninCli(out, Clock.systemUTC(), settings).execute(new String[]{"run",
                    "--input", "s3://" + BUCKET + "/frames/sabah/", "--output", "s3://" + BUCKET + "/results/" + output + "/",
                    "--session-id", "sabah", "--budget-dkk", "5", "--model", model.toString()});
        }
        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
    }

    private RunOutputs outputs(String output) {
        return RunOutputs.readRenamed(s3, BUCKET, "results/" + output + "/");
    }

    private static double estimated(RunOutputs outputs) {
        return Json.parse(outputs.objects().get("run_report.json")).at("/cost/estimated/total_dkk").asDouble();
    }

    private void put(String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(content));
    }
}
