package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code camel run} as {@code make camel-run} starts it (Camel JBang through the Maven profile
 * camel-jbang, in a process of its own), with a setting given as an environment variable only:
 * a dropped manifest runs the workflow, and the run's weather bean was built with the provider
 * the environment named.
 */
class CamelRunEndToEndTest {

    private static final long TIMEOUT_SECONDS = 240;

    @TempDir
    Path dir;

    @Test
    void aSettingFromTheEnvironmentReachesTheBeansOfCamelRun() throws Exception {
        assumeTrue(Files.isReadable(Path.of("detector/target/munin-detector.jar")), "Skipped: needs the detector jar (`make test` builds it)");
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f);
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Path console = dir.resolve("camel-run.log");
        // exec:java without compile: the classes are this build's, already compiled
        ProcessBuilder builder = new ProcessBuilder(List.of("./mvnw", "-B", "-q", "-Pcamel-jbang", "exec:java",
                "-Dexec.args=run application.properties --property=munin.trigger.enabled=true"
                        + " --property=munin.trigger.folder=" + manifests + " --property=camel.main.durationMaxSeconds=" + TIMEOUT_SECONDS))
                .redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_"));
        builder.environment().put("MUNIN_WEATHER_PROVIDERS", "none");
        builder.environment().put("MUNIN_DETECT_MODEL", model.toString());
        Process camelRun = builder.start();
        try {
            Files.writeString(manifests.resolve("june.json"), """
                    {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(dir.resolve("photos"), dir.resolve("out")));
            Path report = dir.resolve("out/run_report.json");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.exists(report)) {
                assertThat(camelRun.isAlive() && System.nanoTime() < deadline)
                        .as("camel run ended or timed out before the run report:%n%s", Files.readString(console, StandardCharsets.UTF_8))
                        .isTrue();
                Thread.sleep(200);
            }
            JsonNode written = Json.parse(Files.readAllBytes(report));
            assertThat(written.at("/weather/provider").asText()).as("munin.weather.providers from MUNIN_WEATHER_PROVIDERS").isEqualTo("none");
        } finally {
            camelRun.descendants().forEach(ProcessHandle::destroyForcibly);
            camelRun.destroyForcibly();
            camelRun.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
