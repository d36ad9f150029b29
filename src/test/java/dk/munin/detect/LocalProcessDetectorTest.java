package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The driver's process handling, with a stand-in "java" command (a shell script) playing a
 * detector that succeeds, crashes or hangs. The real detector is exercised end to end in
 * PipelineEndToEndTest.
 */
class LocalProcessDetectorTest {

    @TempDir
    Path dir;
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
    }

    @Test
    void stopsAnAttemptThatOutlivesMaxJobDuration() throws IOException {
        Path java = script("exec sleep 30\n");

        assertThatThrownBy(() -> detector(java).submitJob(parameters(1, 1)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("exceeded timeout of 1 s");
    }

    @Test
    void withoutAModelItSaysHowToProvideOne() {
        LocalProcessDetector detector = new LocalProcessDetector("java", "", jar, " ", 0.1, Map.of(), Clock.systemUTC());

        assertThatThrownBy(detector::checkConfigured)
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("make run MODEL=")
                .hasMessageContaining("munin.detect.model");
    }

    @Test
    void aMissingDetectorJarSaysHowToBuildIt() {
        LocalProcessDetector detector = new LocalProcessDetector("java", "", dir.resolve("missing.jar"), model.toString(),
                0.1, Map.of(), Clock.systemUTC());

        assertThatThrownBy(detector::checkConfigured).isInstanceOf(DetectorNotConfigured.class).hasMessageContaining("make build");
    }

    private LocalProcessDetector detector(Path java) {
        return new LocalProcessDetector(java.toString(), "-Xmx64m", jar, model.toString(), 0.1,
                Map.of("MUNIN_S3_ENDPOINT", "http://127.0.0.1:9000"), Clock.systemUTC());
    }

    private Path script(String body) throws IOException {
        Path script = dir.resolve("fake-java.sh");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
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
