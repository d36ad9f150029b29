package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.contract.testing.SharedData;
import dk.munin.output.report.ReportPage;
import dk.munin.state.Json;
import dk.munin.testing.Chromium;
import dk.munin.testing.PageInBrowser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * `make run` on the shared camera-trap photos, then its report.html opened from the output folder
 * in headless Chromium: every section drawn, no console error, every thumbnail loaded, the page
 * with its thumbnails under 2 MB. The screenshot is kept as target/report-html/shared-photos.png.
 */
@ExtendWith(Chromium.class)
class ReportHtmlEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    private static final long MOST_BYTES = 2L * 1024 * 1024;

    @TempDir
    Path dir;
    /** The weather services, answering nothing: a test run never asks the real ones. */
    private final WireMockServer weather = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void detectorIsBuilt() {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
        weather.start();
    }

    @AfterEach
    void stopWeather() {
        weather.stop();
    }

    @Test
    void theSharedPhotosPageRendersEverySectionWithItsThumbnails() throws IOException {
        Path images = SharedData.require("images");
        Path model = SharedData.require("models/fastestdet/FastestDet.onnx");
        Path output = dir.resolve("results");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int exit = munin(console, "run", "--input", images.toString(), "--output", output.toString(), "--budget-dkk", "25",
                "--model", model.toString(), "--time-zone", "Europe/Copenhagen");

        assertThat(exit).as(console.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
        Path page = output.resolve(ReportPage.FILE_NAME);
        assertThat(console.toString(StandardCharsets.UTF_8)).as("the summary names the page to open")
                .contains(report.path("report_html").path("uri").asText() + " (open it in a browser)");
        assertThat(weight(output)).as("report.html with report/").isLessThan(MOST_BYTES);
        try (PageInBrowser browser = PageInBrowser.open(page)) {
            Path screenshot = browser.screenshot("shared-photos");

            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.brokenImages()).isEmpty();
            // two events of one photo (an animal and a person in it) show the same thumbnail twice
            assertThat(browser.count("img")).isGreaterThanOrEqualTo(report.path("report_html").path("thumbnails").asLong()).isPositive();
            for (String section : List.of("glance", "photos", "activity", "stations", "weather", "problems")) {
                assertThat(browser.count("section#" + section + " > h2")).as("section %s", section).isEqualTo(1);
            }
            assertThat(browser.count("#glance .tile")).isEqualTo(7);
            assertThat(browser.text("#glance .tile")).contains("83").contains("photos seen");
            assertThat(browser.count("#glance svg[aria-label='cost estimated and spent by component'] rect")).isPositive();
            assertThat(browser.count("#glance svg[aria-label='duration per stage'] rect")).isPositive();
            assertThat(browser.count("#photos figure.event-photo"))
                    .isEqualTo(report.path("report_html").path("events_with_thumbnail").asLong());
            assertThat(browser.count("#photos .bx")).as("boxes drawn on the photos").isPositive();
            assertThat(browser.count("#activity svg[aria-label='diel activity'] polyline")).isPositive();
            assertThat(browser.count("#stations table.stations tbody tr")).isGreaterThanOrEqualTo(10);
            assertThat(browser.count("#stations svg[aria-label='map of stations'] circle"))
                    .as("the Bushnell photo with real GPS puts its station on the map").isPositive();
            assertThat(browser.text("#problems #failed-photos + table")).contains("edge_cases/error_img.JPG");
            assertThat(Files.size(screenshot)).isPositive();
        }
    }

    private static long weight(Path output) throws IOException {
        try (Stream<Path> thumbnails = Files.walk(output.resolve("report"))) {
            return Files.size(output.resolve(ReportPage.FILE_NAME))
                    + thumbnails.filter(Files::isRegularFile).mapToLong(ReportHtmlEndToEndTest::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int munin(ByteArrayOutputStream console, String... args) {
        Properties overrides = new Properties();
        overrides.setProperty("munin.weather.metno.url", weather.baseUrl() + "/weatherapi/locationforecast/2.0/compact");
        overrides.setProperty("munin.weather.open-meteo.archive-url", weather.baseUrl() + "/v1/archive");
        overrides.setProperty("munin.weather.open-meteo.forecast-url", weather.baseUrl() + "/v1/forecast");
        overrides.setProperty("munin.weather.retry.backoff-ms", "10");
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            return new MuninCli(out, Clock.systemUTC(), overrides).execute(args);
        }
    }
}
