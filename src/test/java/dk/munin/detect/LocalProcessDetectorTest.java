package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The driver's process handling, with a stand-in "java" command (a shell script) playing a
 * detector that succeeds, crashes or hangs. The real detector is exercised end to end in
 * PipelineEndToEndTest.
 */
class LocalProcessDetectorTest {

    /** A stand-in detector that overruns its limits is killed this long after them. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    /** The stand-in detector crashes on purpose: its warnings are asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(LocalProcessDetector.class);
    private Path jar;
    private Path model;

    @BeforeEach
    void files() throws IOException {
        jar = Files.writeString(dir.resolve("detector.jar"), "stand-in");
        model = Files.writeString(dir.resolve("model.onnx"), "stand-in");
    }

    @Test
    void passesTheContainerContractAndAnswersWithAJobDescription() throws IOException {
        Path java = script("""
                echo "$INPUT_URI|$OUTPUT_URI|$DETECTOR_MODEL|$DETECTOR_OUTPUT_THRESHOLD|$MUNIN_S3_ENDPOINT" > "%s/env.txt"
                """.formatted(dir));

        JsonNode job = detector(java).submitJob(parameters(2, 60));

        assertThat(Files.readString(dir.resolve("env.txt")).trim())
                .isEqualTo("file:/in/images.jsonl|file:/out/stage1/|" + model + "|0.1|http://127.0.0.1:9000");
        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("JobName").asText()).isEqualTo("munin-detector-run-1");
        assertThat(job.path("Attempts")).hasSize(1);
    }

    @Test
    void retriesACrashOnceAsBatchWouldThenSucceeds() throws IOException {
        Path java = script("""
                if [ ! -f "%1$s/crashed-once" ]; then touch "%1$s/crashed-once"; echo "OrtException: out of memory" >&2; exit 137; fi
                """.formatted(dir));

        JsonNode job = detector(java).submitJob(parameters(2, 60));

        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("Attempts")).hasSize(2);
        assertThat(job.path("Attempts").get(0).path("Container").path("ExitCode").asInt()).isEqualTo(137);
        assertThat(log.warnings()).containsExactly("WARN Detector attempt 1 of 2 failed: exit code 137: OrtException: out of memory");
        assertThat(log.lines()).contains("INFO detector: OrtException: out of memory");
    }

    @Test
    void failsWithTheDetectorsLastErrorAfterTheLastAttempt() throws IOException {
        Path java = script("""
                echo "starting" >&2; echo "cannot read model: bad protobuf" >&2; exit 2
                """);

        assertThatThrownBy(() -> detector(java).submitJob(parameters(2, 60)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("after 2 attempt(s)")
                .hasMessageContaining("exit code 2: cannot read model: bad protobuf");
        assertThat(log.warnings()).containsExactly(
                "WARN Detector attempt 1 of 2 failed: exit code 2: cannot read model: bad protobuf",
                "WARN Detector attempt 2 of 2 failed: exit code 2: cannot read model: bad protobuf");
    }

    @Test
    void stopsAnAttemptThatOutlivesMaxJobDuration() throws IOException {
        Path java = script("exec sleep 30\n");

        assertThatThrownBy(() -> detector(java).submitJob(parameters(1, 1)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("exceeded timeout of 1 s");
        assertThat(log.warnings()).singleElement(STRING)
                .startsWith("WARN Detector attempt 1 of 1 failed: ").contains("exceeded timeout of 1 s (max_job_duration)");
    }

    @Test
    void aDetectorStillRunningAMarginAfterItsBudgetIsKilledAndAFinishingRunWritesItsOutput() throws IOException {
        // hangs, as a detector stuck on a read would, unless told to stop before its first photo
        Path java = script("""
                if [ "$DETECTOR_STOP_AFTER_SECONDS" = "0" ]; then echo "finishing, stop_at $DETECTOR_STOP_AT" > "%s/finished.txt"; exit 0; fi
                exec sleep 30
                """.formatted(dir));
        JsonNode parameters = withLimits(parameters(2, 60), "1", Instant.now().plusSeconds(600).toString());

        long started = System.nanoTime();
        JsonNode job = detector(java).submitJob(parameters);

        assertThat((System.nanoTime() - started) / 1e9).as("killed after its 1 s and the 1 s margin, not at max_job_duration").isLessThan(20);
        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("Attempts")).as("the finishing run is no retry").hasSize(1);
        assertThat(job.at("/Attempts/0/Container/Reason").asText())
                .isEqualTo("killed still running 1 s (munin.detect.stop-margin-seconds) after its budget (DETECTOR_STOP_AFTER_SECONDS); "
                        + "a finishing run wrote its output");
        assertThat(Files.readString(dir.resolve("finished.txt"))).startsWith("finishing, stop_at 20");
        assertThat(log.warnings()).singleElement(STRING).contains("killed; a finishing run writes its output from its checkpoints");
    }

    @Test
    void aDetectorStillRunningAfterStopAtIsFinishedForMaxRuntimeMinAndAFailedFinishFailsTheAttempt() throws IOException {
        Path java = script("""
                if [ -z "$DETECTOR_STOP_AFTER_SECONDS" ]; then echo "cannot write the output" >&2; exit 1; fi
                exec sleep 30
                """);
        JsonNode parameters = withLimits(parameters(1, 60), "600", Instant.now().plusSeconds(1).toString());

        assertThatThrownBy(() -> detector(java).submitJob(parameters))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("killed still running 1 s (munin.detect.stop-margin-seconds) after DETECTOR_STOP_AT, "
                        + "and the finishing run failed: exit code 1: cannot write the output");
    }

    @Test
    void runsEachChildOfAnArrayJobWithItsIndexAndTheShardCount() throws IOException {
        Path java = script("""
                echo "$AWS_BATCH_JOB_ARRAY_INDEX of $MUNIN_SHARD_COUNT" > "%s/child-$AWS_BATCH_JOB_ARRAY_INDEX.txt"
                """.formatted(dir));

        JsonNode job = detector(java).submitJob(arrayParameters(3, 1));

        assertThat(Files.readString(dir.resolve("child-0.txt")).trim()).isEqualTo("0 of 3");
        assertThat(Files.readString(dir.resolve("child-1.txt")).trim()).isEqualTo("1 of 3");
        assertThat(Files.readString(dir.resolve("child-2.txt")).trim()).isEqualTo("2 of 3");
        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job.path("ArrayProperties").path("Size").asInt()).isEqualTo(3);
        assertThat(job.path("ArrayProperties").path("StatusSummary").path("SUCCEEDED").asInt()).isEqualTo(3);
    }

    @Test
    void runsNoMoreChildrenAtOnceThanConfigured() throws IOException {
        // Each child marks itself running, records how many are running, and stays a moment.
        Path java = script("""
                touch "%1$s/running-$AWS_BATCH_JOB_ARRAY_INDEX"
                ls "%1$s" | grep -c '^running-' >> "%1$s/concurrency.txt"
                sleep 0.3
                rm "%1$s/running-$AWS_BATCH_JOB_ARRAY_INDEX"
                """.formatted(dir));

        detector(java, new DetectorModel(model.toString(), ""), 2).submitJob(arrayParameters(5, 1));

        assertThat(Files.readAllLines(dir.resolve("concurrency.txt"))).hasSize(5)
                .allSatisfy(running -> assertThat(Integer.parseInt(running.trim())).isBetween(1, 2));
    }

    @Test
    void retriesEachChildOnItsOwnAsBatchDoes() throws IOException {
        Path java = script("""
                if [ "$AWS_BATCH_JOB_ARRAY_INDEX" = 1 ] && [ ! -f "%1$s/child-1-crashed" ]; then
                  touch "%1$s/child-1-crashed"; echo "killed" >&2; exit 137
                fi
                echo ran >> "%1$s/child-$AWS_BATCH_JOB_ARRAY_INDEX.runs"
                """.formatted(dir));

        JsonNode job = detector(java).submitJob(arrayParameters(3, 2));

        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        for (int child = 0; child < 3; child++) {
            assertThat(Files.readAllLines(dir.resolve("child-" + child + ".runs"))).as("child %d", child).hasSize(1);
        }
        assertThat(log.warnings()).containsExactly("WARN Detector child 1 attempt 1 of 2 failed: exit code 137: killed");
    }

    @Test
    void anArrayFailsNamingTheChildThatFailedAfterItsAttempts() throws IOException {
        Path java = script("""
                if [ "$AWS_BATCH_JOB_ARRAY_INDEX" = 2 ]; then echo "munin-detector: error: shard 2 of 3 cannot read its slice" >&2; exit 1; fi
                """);

        assertThatThrownBy(() -> detector(java).submitJob(arrayParameters(3, 2)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("Array job of 3 children failed")
                .hasMessageContaining("child 2 failed after 2 attempt(s)")
                .hasMessageContaining("exit code 1: munin-detector: error: shard 2 of 3 cannot read its slice");
        assertThat(log.warnings()).containsExactly(
                "WARN Detector child 2 attempt 1 of 2 failed: exit code 1: munin-detector: error: shard 2 of 3 cannot read its slice",
                "WARN Detector child 2 attempt 2 of 2 failed: exit code 1: munin-detector: error: shard 2 of 3 cannot read its slice");
    }

    @Test
    void anInterruptStopsTheDetectorProcessAndKeepsTheInterrupt() throws Exception {
        Path java = script("""
                echo $$ > "%s/pid.txt"
                exec sleep 30
                """.formatted(dir));
        LocalProcessDetector detector = detector(java);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread run = new Thread(() -> {
            try {
                detector.submitJob(parameters(1, 60));
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        run.start();
        long pid = awaitPid(dir.resolve("pid.txt"));

        run.interrupt();
        run.join(10_000);

        assertThat(run.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(DetectorFailed.class).hasMessageContaining("cancelled");
        assertThat(interruptKept).isTrue();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("detector process still running").isFalse();
    }

    @Test
    void anInterruptStopsEveryRunningChildOfAnArray() throws Exception {
        Path java = script("""
                echo $$ > "%s/pid-$AWS_BATCH_JOB_ARRAY_INDEX.txt"
                exec sleep 30
                """.formatted(dir));
        LocalProcessDetector detector = detector(java);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                detector.submitJob(arrayParameters(4, 1));
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        run.start();
        List<Long> pids = List.of(awaitPid(dir.resolve("pid-0.txt")), awaitPid(dir.resolve("pid-1.txt")));

        run.interrupt();
        run.join(10_000);

        assertThat(run.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(DetectorFailed.class).hasMessageContaining("cancelled");
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(dir.resolve("pid-2.txt")).as("children not yet started stay unstarted").doesNotExist();
    }

    @Test
    void passesAnHttpsModelWithItsChecksum() throws IOException {
        Path java = script("""
                echo "$DETECTOR_MODEL|$DETECTOR_MODEL_SHA256" > "%s/env.txt"
                """.formatted(dir));
        String sha256 = "ab".repeat(32);

        detector(java, new DetectorModel("https://models.example.org/md_v5a.onnx", sha256.toUpperCase()), 1).submitJob(parameters(1, 60));

        assertThat(Files.readString(dir.resolve("env.txt")).trim()).isEqualTo("https://models.example.org/md_v5a.onnx|" + sha256);
    }

    @Test
    void theModelPreparedBeforeTheRunServesItsNextJobWithTheDetectorSettingsItCameWith() throws IOException {
        Path java = script("""
                echo "$DETECTOR_MODEL|$DETECTOR_MODEL_SHA256|$DETECTOR_LAYOUT|$DETECTOR_INPUT_SIZE" > "%s/env.txt"
                """.formatted(dir));
        String sha256 = "cd".repeat(32);
        AtomicInteger obtained = new AtomicInteger();
        LocalModel downloaded = new LocalModel() {
            @Override
            public void checkUsableLocally() {
            }

            @Override
            public DetectorModel obtain(DownloadProgress progress) {
                obtained.incrementAndGet();
                progress.report("downloaded");
                return new DetectorModel(model.toString(), sha256, Map.of("DETECTOR_LAYOUT", "yolo-nms", "DETECTOR_INPUT_SIZE", "1280"));
            }
        };
        LocalProcessDetector detector = detector(java, downloaded, 1);
        List<String> progress = new ArrayList<>();

        detector.prepare(progress::add);
        detector.submitJob(parameters(1, 60));

        assertThat(obtained).as("the job takes the prepared model").hasValue(1);
        assertThat(progress).containsExactly("downloaded");
        assertThat(Files.readString(dir.resolve("env.txt")).trim()).isEqualTo(model + "|" + sha256 + "|yolo-nms|1280");

        detector.submitJob(parameters(1, 60));
        assertThat(obtained).as("a later job (camel run) obtains, and so checks, the model again").hasValue(2);
    }

    @Test
    void acceptsAnS3ModelWithoutLookingForALocalFile() throws IOException {
        detector(script("exit 0\n"), new DetectorModel("s3://models/md_v5a.onnx", ""), 1).checkConfigured();
    }

    @Test
    void anHttpsModelWithoutItsChecksumIsRefusedBeforeTheRun() throws IOException {
        LocalProcessDetector detector = detector(script("exit 0\n"), new DetectorModel("https://models.example.org/md_v5a.onnx", ""), 1);

        assertThatThrownBy(detector::checkConfigured)
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("munin.detect.model-sha256");
        assertThatThrownBy(() -> detector(script("exit 0\n"), new DetectorModel("http://models.example.org/m.onnx", ""), 1).checkConfigured())
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("https://");
    }

    @Test
    void withoutAModelItSaysHowToProvideOne() {
        LocalProcessDetector detector = new LocalProcessDetector("java", "", jar, new DetectorModel(" ", ""), 0.1, Map.of(), 1,
                STOP_MARGIN, Clock.systemUTC());

        assertThatThrownBy(detector::checkConfigured)
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("make run MODEL=")
                .hasMessageContaining("munin.detect.model");
    }

    @Test
    void aMissingDetectorJarSaysHowToBuildIt() {
        LocalProcessDetector detector = new LocalProcessDetector("java", "", dir.resolve("missing.jar"),
                new DetectorModel(model.toString(), ""), 0.1, Map.of(), 1, Duration.ofSeconds(1), Clock.systemUTC());

        assertThatThrownBy(detector::checkConfigured).isInstanceOf(DetectorNotConfigured.class).hasMessageContaining("make build");
    }

    private LocalProcessDetector detector(Path java) {
        return detector(java, new DetectorModel(model.toString(), ""), 2);
    }

    private LocalProcessDetector detector(Path java, LocalModel model, int maxParallel) {
        return new LocalProcessDetector(java.toString(), "-Xmx64m", jar, model, 0.1,
                Map.of("MUNIN_S3_ENDPOINT", "http://127.0.0.1:9000"), maxParallel, STOP_MARGIN, Clock.systemUTC());
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("fake-java.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private static long awaitPid(Path file) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Long.parseLong(Files.readString(file).trim());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The stand-in detector never wrote " + file);
    }

    private static JsonNode arrayParameters(int size, int attempts) {
        ObjectNode parameters = (ObjectNode) parameters(attempts, 60);
        parameters.putObject("ArrayProperties").put("Size", size);
        ((ArrayNode) parameters.at("/ContainerOverrides/Environment")).addObject()
                .put("Name", "MUNIN_SHARD_COUNT").put("Value", String.valueOf(size));
        return parameters;
    }

    private static JsonNode withLimits(JsonNode parameters, String stopAfterSeconds, String stopAt) {
        ArrayNode environment = (ArrayNode) parameters.at("/ContainerOverrides/Environment");
        environment.addObject().put("Name", "DETECTOR_STOP_AFTER_SECONDS").put("Value", stopAfterSeconds);
        environment.addObject().put("Name", "DETECTOR_STOP_AT").put("Value", stopAt);
        return parameters;
    }

    private static JsonNode parameters(int attempts, int duration) {
        return Json.parse("""
                {"JobName": "munin-detector-run-1", "JobQueue": "q", "JobDefinition": "d",
                 "ContainerOverrides": {"Environment": [
                   {"Name": "INPUT_URI", "Value": "file:/in/images.jsonl"},
                   {"Name": "OUTPUT_URI", "Value": "file:/out/stage1/"}]},
                 "RetryStrategy": {"Attempts": %d}, "Timeout": {"AttemptDurationSeconds": %d}}
                """.formatted(attempts, duration));
    }
}
