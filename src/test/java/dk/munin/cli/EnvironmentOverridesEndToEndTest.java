package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.lambda.LocalInvoke;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import dk.munin.testing.TestStates;
import dk.munin.weather.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A setting given as an environment variable, named by Camel's convention, reaches the bean
 * that uses it in each entry point, each in a JVM of its own as a user or AWS would start it:
 * {@code munin run}, {@code munin stage0} and the Lambda handler. (The detector container:
 * DetectorJarIT; {@code camel run}: CamelRunEndToEndTest.)
 */
class EnvironmentOverridesEndToEndTest {

    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void muninRunTakesTheWeatherProviderFromTheEnvironment() throws Exception {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f);

        Finished run = java(Map.of("MUNIN_WEATHER_PROVIDERS", "none", "MUNIN_DETECT_MODEL", model.toString()), MuninCli.class,
                "run", "--input", dir.resolve("photos").toString(), "--output", dir.resolve("out").toString(), "--budget-dkk", "5");

        assertThat(run.exitCode()).as(run.console()).isZero();
        JsonNode report = Json.parse(Files.readAllBytes(dir.resolve("out/run_report.json")));
        assertThat(report.at("/weather/provider").asText()).as("munin.weather.providers from MUNIN_WEATHER_PROVIDERS").isEqualTo("none");
    }

    @Test
    void muninStage0TakesTheFolderLayoutFromTheEnvironment() throws Exception {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/StationA/IMG_0001.JPG"));
        List<String> args = List.of("stage0", "--input", dir.resolve("photos").toString(), "--output", dir.resolve("out").toString());

        Finished byDefault = java(Map.of(), MuninCli.class, args.toArray(String[]::new));
        String stationByDefault = firstLine().path("station").asText();
        Finished overridden = java(Map.of("MUNIN_EXIF_STATION_FOLDER_LEVEL", "0"), MuninCli.class, args.toArray(String[]::new));

        assertThat(byDefault.exitCode()).as(byDefault.console()).isZero();
        assertThat(overridden.exitCode()).as(overridden.console()).isZero();
        assertThat(stationByDefault).isEqualTo("StationA");
        assertThat(firstLine().path("station").isNull()).as("munin.exif.station-folder-level 0 from the environment: no station folders")
                .isTrue();
    }

    @Test
    void theLambdaHandlerTakesTheWeatherProviderFromTheEnvironment() throws Exception {
        Location output = Location.of(dir.resolve("out"));
        String events = TestEvents.writeEventsFile(new LocalFileStore(), output, List.of(
                TestEvents.event("e1", Instant.parse("2024-05-01T10:00:00Z"), 56.0, 10.0),
                TestEvents.event("e2", Instant.parse("2024-05-02T10:00:00Z"), null, null)));
        String state = Json.write(Json.object().put("session_id", TestEvents.SESSION_ID).put("output_uri", output.uri())
                .set("stage2_post", TestStates.stage2Post(events)));

        Finished invoked = javaWithInput(Map.of("MUNIN_STAGE", "weather-enrichment", "MUNIN_WEATHER_PROVIDERS", "none"),
                LocalInvoke.class, state, dir.resolve("answer.json").toString());

        assertThat(invoked.exitCode()).as(invoked.console()).isZero();
        JsonNode answer = Json.parse(Files.readAllBytes(dir.resolve("answer.json")));
        assertThat(answer.at("/weather_enrichment/provider").asText()).isEqualTo("none");
        assertThat(answer.at("/weather_enrichment/without_weather/provider_none").asInt()).isEqualTo(2);
    }

    private JsonNode firstLine() throws IOException {
        return Json.parse(Files.readAllLines(dir.resolve("out/stage0/images.jsonl")).get(0));
    }

    private record Finished(int exitCode, String console) {
    }

    private Finished java(Map<String, String> environment, Class<?> main, String... args) throws Exception {
        return javaWithInput(environment, main, null, args);
    }

    /** A JVM of its own from the project root, on this test's class path, with only the given MUNIN_ variables. */
    private Finished javaWithInput(Map<String, String> environment, Class<?> main, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_") || name.startsWith("CAMEL_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(main.getSimpleName() + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        return new Finished(process.exitValue(), out + Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
