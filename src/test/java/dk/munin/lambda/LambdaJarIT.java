package dk.munin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda artefact, target/munin-lambda.jar, as Lambda runs it: a JVM whose class path is that
 * jar alone (plus {@link LocalInvoke}, the test's stand-in for the Lambda runtime), so a class the
 * artefact left out but a stage needs fails here. Runs in `verify`, after `package` made the jar.
 */
class LambdaJarIT {

    private static final Path JAR = Path.of("target", "munin-lambda.jar");
    private static final long TIMEOUT_SECONDS = 120;
    /** Lambda's quotas: 50 MB zipped for an upload through the API (the stack deploys from S3, which is not bound by it), 250 MB unzipped. */
    private static final long DIRECT_UPLOAD_BYTES = 50L << 20;
    private static final long UNZIPPED_BYTES = 250L << 20;

    @TempDir
    Path dir;

    /** docs/aws.md gives the figures; a dependency that pushes the jar past either quota fails here, not at deploy. */
    @Test
    void theArtefactIsWithinLambdasSizeQuotas() throws IOException {
        long unzipped = 0;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            for (ZipEntry entry : Collections.list(jar.entries())) {
                unzipped += Math.max(entry.getSize(), 0);
            }
        }
        System.out.printf("LambdaJarIT: %s is %,d bytes zipped, %,d unzipped%n", JAR, Files.size(JAR), unzipped);
        assertThat(Files.size(JAR)).as("zipped").isLessThan(DIRECT_UPLOAD_BYTES);
        assertThat(unzipped).as("unzipped").isLessThan(UNZIPPED_BYTES);
    }

    @Test
    void guardBudgetAndCostEstimationRunFromTheArtefact() throws Exception {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        String manifest = Json.write(Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", dir.resolve("out").toString()).put("budget_dkk", 25));

        Finished guarded = invoke(Map.of("MUNIN_STAGE", "guard-budget"), manifest);
        assertThat(guarded.exitCode()).as(guarded.console()).isZero();
        Finished stage0 = invoke(Map.of("MUNIN_STAGE", "stage0-exif"), guarded.answer());
        assertThat(stage0.exitCode()).as(stage0.console()).isZero();
        Finished estimated = invoke(Map.of("MUNIN_STAGE", "cost-estimation"), stage0.answer());

        assertThat(estimated.exitCode()).as(estimated.console()).isZero();
        JsonNode state = Json.parse(estimated.answer());
        assertThat(state.path("cost_estimation").path("estimate").path("file_count").asInt()).isEqualTo(1);
        assertThat(guarded.console()).as("SnapStart's priming is only for the snapshot").doesNotContain("Primed");
    }

    /**
     * Every Lambda stage from the artefact, each answer the next one's payload as Step Functions
     * passes it, with what the workflow's own states add in between (ChooseJobQueue's queue, the
     * Batch task's job description and the detector's output file): a class the artefact left
     * out that only a later stage needs (Parquet, Hadoop) fails here.
     */
    @Test
    void everyLambdaStageRunsFromTheArtefactToTheParquetFile() throws Exception {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        Path out = dir.resolve("out");
        String state = Json.write(Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", out.toString()).put("budget_dkk", 25));
        Map<String, String> noWeather = Map.of("MUNIN_WEATHER_PROVIDERS", "none");

        for (String stage : List.of("guard-budget", "stage0-exif", "cost-estimation")) {
            state = stage(stage, noWeather, state);
        }
        ObjectNode detected = (ObjectNode) Json.parse(state);
        detected.putObject("detector_queue").put("arn", "arn:aws:batch:eu-north-1:123456789012:job-queue/munin-spot").put("capacity", "spot");
        detected.putObject("submit_batch_stage1").put("job_id", "job-1").put("job_name", "munin-detector-s1").put("status", "SUCCEEDED");
        Files.createDirectories(out.resolve("stage1"));
        Files.writeString(out.resolve("stage1/detections.json"), """
                {"info": {"format_version": "1.4", "detector": "LambdaJarIT", "detection_completion_time": "2026-12-02 10:00:00"},
                 "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                 "images": [{"file": "S/IMG_0001.JPG", "max_detection_conf": 0.9,
                             "detections": [{"category": "1", "conf": 0.9, "bbox": [0.1, 0.2, 0.3, 0.4]}]}]}""");
        state = Json.write(detected);
        for (String stage : List.of("merge-detections", "stage2-post", "weather-enrichment", "write-parquet")) {
            state = stage(stage, noWeather, state);
        }

        JsonNode result = Json.parse(state);
        assertThat(result.at("/final_results/parquet_uri").asText()).endsWith("clusters.parquet");
        assertThat(out.resolve("clusters.parquet")).isNotEmptyFile();
        assertThat(out.resolve("run_report.json")).isNotEmptyFile();
    }

    private String stage(String stage, Map<String, String> environment, String payload) throws Exception {
        Map<String, String> variables = new java.util.HashMap<>(environment);
        variables.put("MUNIN_STAGE", stage);
        Finished finished = invoke(variables, payload);
        assertThat(finished.exitCode()).as("%s: %s", stage, finished.console()).isZero();
        return finished.answer();
    }

    @Test
    void aStagesErrorLeavesTheRuntimeUnderItsOwnClassName() throws Exception {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        String manifest = Json.write(Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", dir.resolve("out").toString()).put("budget_dkk", 0.000001));

        Finished refused = invoke(Map.of("MUNIN_STAGE", "guard-budget"), manifest);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.console()).contains("Exception in thread \"main\" dk.munin.budget.BudgetExceeded: Estimated cost");
    }

    @Test
    void theFunctionsEnvironmentReachesTheSettings() throws Exception {
        // What the stack sets on the write-parquet function: MUNIN_WORKFLOW_HISTORY is munin.workflow.history
        // (read at start-up: a wrong value stops Camel naming the key), and with the right one and the
        // region variable Camel starts and the stage runs (here: refuses an empty manifest, as it should).
        Finished wrong = invoke(Map.of("MUNIN_STAGE", "guard-budget", "MUNIN_WORKFLOW_HISTORY", "cloud"), "{}");
        Finished right = invoke(Map.of("MUNIN_STAGE", "guard-budget", "MUNIN_WORKFLOW_HISTORY", "step-functions",
                "AWS_REGION", "eu-west-1"), "{}");

        assertThat(wrong.console()).contains("munin.workflow.history").contains("cloud");
        assertThat(right.console()).contains("Exception in thread \"main\" dk.munin.manifest.InvalidManifest");
    }

    private record Finished(int exitCode, String console, String answer) {
    }

    /** One invocation in a JVM of its own, with only the given MUNIN_ and CAMEL_ variables. */
    private Finished invoke(Map<String, String> environment, String payload) throws Exception {
        assertThat(JAR).as("mvn package makes the Lambda artefact before verify runs this test").exists();
        Path answer = Files.createTempFile(dir, "answer", ".json");
        Path console = Files.createTempFile(dir, "console", ".txt");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR + java.io.File.pathSeparator + localInvoke(), LocalInvoke.class.getName(), answer.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_") || name.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The handler did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Finished(process.exitValue(), Files.readString(console), Files.readString(answer));
    }

    /** A folder holding LocalInvoke alone, so nothing else of the test class path reaches the JVM. */
    private Path localInvoke() throws IOException, URISyntaxException {
        String name = LocalInvoke.class.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(LocalInvoke.class.getResource("/" + name).toURI());
        Path folder = dir.resolve("invoke");
        Files.createDirectories(folder.resolve(name).getParent());
        Files.copy(compiled, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return folder;
    }
}
