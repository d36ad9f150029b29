package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dk.munin.testing.RunReports.statesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole workflow as `make run` runs it: the real pipeline.asl.json in the embedded runner,
 * the real stage routes and application.properties, the detector jar as a separate process on
 * the real ONNX Runtime, MET Norway played by WireMock, and clusters.parquet read back by DuckDB.
 */
class PipelineEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final String METNO_PATH = "/weatherapi/locationforecast/2.0/compact";

    @TempDir
    Path dir;
    private final WireMockServer metNo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    /** GuardBudget's refusal of the over-budget run (logger: the route id): asserted here, not printed. */
    @RegisterExtension
    final LogCapture refusals = LogCapture.named("guard-budget");

    @BeforeEach
    void detectorIsBuilt() {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
        metNo.start();
    }

    @AfterEach
    void stopMetNo() {
        metNo.stop();
    }

    @Test
    void runsPhotosTheTestMadeFromManifestToParquet() throws Exception {
        Instant recent = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        Path input = dir.resolve("photos");
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(input.resolve("StationA/CAM1/IMG_0001.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 10)).writeTo(input.resolve("StationA/CAM1/IMG_0002.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 23, 0)).writeTo(input.resolve("StationA/CAM1/IMG_0003.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.ofInstant(recent, ZoneOffset.UTC)).gps(59.9133, 10.7389)
                .writeTo(input.resolve("StationB/CAM7/IMG_0001.JPG"));
        Files.write(input.resolve("StationB/CAM7/broken.JPG"), new byte[0]);
        metNo.stubFor(get(urlPathEqualTo(METNO_PATH)).willReturn(okJson(forecast(recent, 11.4))));
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("model/tiny.onnx"), 0.9f);
        Path output = dir.resolve("results");

        int exit = munin("run", "--input", input.toString(), "--output", output.toString(), "--budget-dkk", "25",
                "--time-zone", "UTC", "--model", model.toString());

        assertThat(exit).as(console()).isZero();
        List<Map<String, Object>> events = DuckDb.query(
                "SELECT station, species, photo_count, start_local, start_utc, weather_status, air_temperature_c, weather_reason "
                        + "FROM read_parquet($file) ORDER BY station, start_local", output.resolve("clusters.parquet"));
        assertThat(events).extracting(e -> e.get("station") + "/" + e.get("species") + "/" + e.get("photo_count"))
                .containsExactly("StationA/animal/2", "StationA/animal/1", "StationB/animal/1");
        assertThat(events.get(0).get("start_local")).hasToString("2024-06-01 21:00:00.0");
        assertThat(events.get(2).get("weather_status")).isEqualTo("available");
        assertThat(events.get(2).get("air_temperature_c")).isEqualTo(11.4);
        assertThat(events.get(0).get("weather_reason").toString()).contains("no location");
        metNo.verify(1, getRequestedFor(urlPathEqualTo(METNO_PATH)));

        JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
        assertThat(report.path("session_id").asText()).startsWith("run-");
        assertThat(report.path("photos").path("seen").asInt()).isEqualTo(5);
        assertThat(report.path("photos").path("failed_photos")).extracting(p -> p.path("file").asText())
                .containsExactly("StationB/CAM7/broken.JPG");
        assertThat(statesIn(report)).containsExactly("RecordExecution", "GuardBudget", "ChooseStage0Reading", "Stage0Exif", "CostEstimation",
                "ChooseJobQueue", "UseSpotQueue", "ChooseDetectionJob", "SubmitBatchStage1", "MergeDetections", "Stage2Post", "WeatherEnrichment", "WriteParquet",
                "CheckDetectionStopped", "Success");
        assertThat(report.path("final_results").path("parquet_uri").asText()).endsWith("/results/clusters.parquet");
        assertThat(console()).contains("✓ Success").contains("events      3 independent records of categories (min_delta_time 30 min, last_record)");
    }

    @Test
    void aMonthsOldSurveyGetsTheArchivesHourAndAnArchiveThatAlwaysFailsLeavesTheRunInSuccess() throws Exception {
        // 15:10 at +10:30 (Adelaide's summer time) is 04:40 UTC: the recorded archive's hour 04:30 UTC, 33.5 °C
        String archive = Files.readString(SharedData.require(
                "weather/open-meteo/archive/archive_adelaide_hourly_2025-01-10_12_t-rh-et0-precip-wind-wetbulb.json"));
        Path input = dir.resolve("photos");
        TestPhotos.jpeg().taken(LocalDateTime.of(2025, 1, 10, 15, 10)).gps(-34.7627, 138.6456)
                .writeTo(input.resolve("StationA/CAM1/IMG_0001.JPG"));
        Path model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("model/tiny.onnx"), 0.9f);
        metNo.stubFor(get(urlPathEqualTo("/v1/archive")).willReturn(okJson(archive)));

        int exit = munin("run", "--input", input.toString(), "--output", dir.resolve("enriched").toString(), "--budget-dkk", "25",
                "--time-zone", "+10:30", "--model", model.toString());

        assertThat(exit).as(console()).isZero();
        Map<String, Object> event = DuckDb.query("SELECT weather_status, weather_provider, air_temperature_c, weather_record_offset_minutes"
                + " FROM read_parquet($file)", dir.resolve("enriched/clusters.parquet")).get(0);
        assertThat(event).containsEntry("weather_status", "available").containsEntry("weather_provider", "open-meteo-archive")
                .containsEntry("air_temperature_c", 33.5).containsEntry("weather_record_offset_minutes", -10L);
        metNo.verify(0, getRequestedFor(urlPathEqualTo(METNO_PATH)));

        metNo.resetAll();
        metNo.stubFor(get(urlPathEqualTo("/v1/archive")).willReturn(aResponse().withStatus(503)));
        exit = munin("run", "--input", input.toString(), "--output", dir.resolve("failing").toString(), "--budget-dkk", "25",
                "--time-zone", "+10:30", "--model", model.toString());

        assertThat(exit).as(console()).isZero();
        Map<String, Object> without = DuckDb.query("SELECT weather_status, weather_reason FROM read_parquet($file)",
                dir.resolve("failing/clusters.parquet")).get(0);
        assertThat(without).containsEntry("weather_status", "unavailable");
        assertThat((String) without.get("weather_reason")).contains("Open-Meteo's archive answered HTTP 503");
        metNo.verify(3, getRequestedFor(urlPathEqualTo("/v1/archive")));
        JsonNode report = Json.parse(Files.readAllBytes(dir.resolve("failing/run_report.json")));
        assertThat(report.at("/weather/providers/open-meteo-archive/requests").asInt()).isEqualTo(3);
        assertThat(report.at("/weather/providers/open-meteo-archive/failures").asInt()).isEqualTo(1);
    }

    @Test
    void aRunOverBudgetStopsBeforeDetectionWithEstimateAndBudget() throws Exception {
        Path input = dir.resolve("photos");
        for (int i = 0; i < 3; i++) {
            TestPhotos.jpeg().writeTo(input.resolve("S/IMG_000" + i + ".JPG"));
        }
        Path output = dir.resolve("results");

        int exit = munin("run", "--input", input.toString(), "--output", output.toString(), "--budget-dkk", "0.0001",
                "--model", TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f).toString());

        assertThat(exit).isEqualTo(1);
        assertThat(console()).contains("FailBudget: BudgetExceeded: Estimated cost")
                .contains("exceeds budget_dkk 0.0001 DKK").contains("3 photos");
        assertThat(refusals.warnings()).singleElement(STRING).startsWith("WARN guard-budget refused the run: Estimated cost")
                .contains("exceeds budget_dkk 0.0001 DKK");
        assertThat(output.resolve("clusters.parquet")).doesNotExist();
        assertThat(output.resolve("stage1")).doesNotExist();
    }

    @Test
    void aBadManifestIsRefusedWithTheField() throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.json"),
                "{\"input_uri\": \"photos\", \"output_uri\": \"out\", \"budget_dkk\": 5, \"max_images\": \"lots\"}");

        int exit = munin("run", "--manifest", manifest.toString(),
                "--model", TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f).toString());

        assertThat(exit).isEqualTo(2);
        assertThat(console().strip()).as("one line, before anything runs")
                .isEqualTo("run: Manifest field 'max_images', --max-images (make run MAX_IMAGES=): must be a whole number, got \"lots\"");
    }

    @Test
    void runsTheSharedCameraTrapPhotosWithFastestDet() throws Exception {
        Path images = SharedData.require("images");
        Path model = SharedData.require("models/fastestdet/FastestDet.onnx");
        Path output = dir.resolve("results");

        int exit = munin("run", "--input", images.toString(), "--output", output.toString(), "--budget-dkk", "25",
                "--model", model.toString());

        assertThat(exit).as(console()).isZero();
        JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
        long rows = (long) DuckDb.query("SELECT count(*) AS n FROM read_parquet($file)", output.resolve("clusters.parquet")).get(0).get("n");
        assertThat(rows).isPositive().isEqualTo(report.path("detections").path("events").asLong());
        assertThat(report.path("photos").path("seen").asInt()).isEqualTo(83);
        assertThat(report.path("photos").path("failed_photos")).extracting(p -> p.path("file").asText())
                .containsExactly("edge_cases/error_img.JPG");
    }

    private int munin(String... args) {
        Properties overrides = new Properties();
        overrides.setProperty("munin.weather.metno.url", metNo.baseUrl() + METNO_PATH);
        // the default chain asks Open-Meteo's archive first: here it answers 404 (no stub), and MET Norway's forecast has the time
        overrides.setProperty("munin.weather.open-meteo.archive-url", metNo.baseUrl() + "/v1/archive");
        // and its forecast API, should the chain name it: a test run never asks the real Open-Meteo
        overrides.setProperty("munin.weather.open-meteo.forecast-url", metNo.baseUrl() + "/v1/forecast");
        overrides.setProperty("munin.weather.retry.backoff-ms", "10");
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            return new MuninCli(out, Clock.systemUTC(), overrides).execute(args);
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    /** A Locationforecast 2.0 compact answer in MET's documented shape, hourly around {@code around}. */
    private static String forecast(Instant around, double temperature) throws IOException {
        StringBuilder steps = new StringBuilder();
        for (int hour = -2; hour <= 3; hour++) {
            if (steps.length() > 0) {
                steps.append(',');
            }
            steps.append("""
                    {"time": "%s", "data": {"instant": {"details": {"air_pressure_at_sea_level": 1012.3, "air_temperature": %s,
                      "cloud_area_fraction": 40.0, "relative_humidity": 71.0, "wind_from_direction": 200.0, "wind_speed": 3.1}},
                      "next_1_hours": {"summary": {"symbol_code": "cloudy"}, "details": {"precipitation_amount": 0.0}}}}
                    """.formatted(around.plus(hour, ChronoUnit.HOURS), hour == 0 ? temperature : temperature + 5));
        }
        return """
                {"type": "Feature", "geometry": {"type": "Point", "coordinates": [10.7389, 59.9133, 10]},
                 "properties": {"meta": {"updated_at": "%s", "units": {"air_temperature": "celsius"}}, "timeseries": [%s]}}
                """.formatted(around, steps);
    }
}
