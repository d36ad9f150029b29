package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorRules;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static dk.munin.testing.RunReports.statesIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11's hard stop, end to end as `make run` runs it: the real pipeline.asl.json, stage
 * routes and application.properties, the detector jar as a separate process with FastestDet on
 * the shared photos, and a price so high that the budget buys the detector a few seconds. The
 * detector stops before the photo that would pass them, every later stage runs on what it
 * detected, and the run ends BudgetExhausted with valid outputs of exactly those photos.
 *
 * <p>Where it stops depends on this machine's speed, so the test asserts what must hold wherever
 * it stops; the photos are many and decoded slowly (one thread, full size) so that it stops well
 * inside them. DetectorStopTest pins the stop to a photo with a stepping clock.
 */
class BudgetExhaustedEndToEndTest {

    private static final Path DETECTOR_JAR = Path.of("detector", "target", "munin-detector.jar");
    /**
     * The small price table of the test, in one place: a detector instance (c5, 4 vCPUs, on spot) at
     * 1 DKK per second, so budget_dkk is about the detector's seconds; the other components keep their
     * list prices (at 1 DKK per USD, a few thousandths of a krone).
     */
    private static final Map<String, String> PRICES = Map.of(
            "munin.price.usd-to-dkk", "1",
            "munin.price.eu-north-1.batch.c5.spot.vcpu-hour", "900",
            "munin.price.eu-north-1.batch.c5.spot.gb-hour", "0");
    private static final double PRICE_PER_HOUR_DKK = 3600;
    /** What the budget buys each shard: JVM start-up, the model's loading and some photos. */
    private static final double DETECTOR_SECONDS = 5;
    /**
     * Copies of the shared speciesnet photos, one folder per station: far more than those seconds
     * detect (here about 100 of the 440; a machine twice as fast would still stop short of the end).
     */
    private static final int STATIONS = 40;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void detectorIsBuilt() {
        assumeTrue(Files.isReadable(DETECTOR_JAR),
                "Skipped: needs the detector jar at " + DETECTOR_JAR.toAbsolutePath() + " (`make test` and `make build` build it first)");
    }

    @Test
    void aBudgetThatRunsOutMidDetectionEndsBudgetExhaustedWithValidOutputsOfThePhotosDetected() throws Exception {
        Path model = SharedData.fastestDet();
        Path input = copiesOfTheSharedPhotos(SharedData.require("images/speciesnet_test_data"));
        Path output = dir.resolve("results");

        int exit = munin("run", "--input", input.toString(), "--output", output.toString(),
                "--budget-dkk", String.valueOf(DETECTOR_SECONDS * PRICE_PER_HOUR_DKK / 3600), "--time-zone", "UTC",
                "--model", model.toString());

        assertThat(exit).as(console()).isEqualTo(MuninCli.BUDGET_EXHAUSTED);
        JsonNode detections = Json.parse(Files.readAllBytes(output.resolve("stage1/detections.json")));
        List<String> listed = photoList(output.resolve("stage0/images.jsonl"));
        assertThat(MegaDetectorRules.check(detections, listed, 0.1)).as("detections.json keeps every documented rule").isEmpty();
        List<String> detected = new ArrayList<>();
        List<String> notDetected = new ArrayList<>();
        for (JsonNode image : detections.get("images")) {
            boolean stopped = ImageEntry.NOT_DETECTED_BUDGET.equals(image.path("failure").asText());
            (stopped ? notDetected : detected).add(image.get("file").asText());
        }
        assertThat(detected).as("stopped mid-detection: some photos detected").isNotEmpty();
        assertThat(notDetected).as("... and some not").isNotEmpty();
        assertThat(listed.subList(detected.size(), listed.size())).as("it stops once, in list order").isEqualTo(notDetected);
        assertThat(detections.at("/info/detector_metadata/detection_stop/reason").asText()).isEqualTo("budget");
        // it stops before the photo that would pass the limit at the mean time per photo; a last photo slower than the
        // mean, and writing the file, can carry it a little past, never by many photos
        assertThat(detections.at("/info/detector_metadata/detection_stop/seconds_spent").asDouble()).isLessThan(DETECTOR_SECONDS + 1);

        Set<String> detectedPhotos = new HashSet<>(detected);
        List<String> boxed = DuckDb.query("SELECT DISTINCT file FROM read_parquet($file)", output.resolve("detections.parquet"))
                .stream().map(row -> (String) row.get("file")).toList();
        assertThat(boxed).isNotEmpty().allMatch(detectedPhotos::contains);
        List<String> inEvents = DuckDb.query("SELECT unnest(files) AS file FROM read_parquet($file)", output.resolve("clusters.parquet"))
                .stream().map(row -> (String) row.get("file")).toList();
        assertThat(inEvents).isNotEmpty().allMatch(detectedPhotos::contains);
        assertThat(recordedPhotos(output.resolve("record_table.csv"), input)).isNotEmpty().allMatch(detectedPhotos::contains);

        JsonNode report = Json.parse(Files.readAllBytes(output.resolve("run_report.json")));
        JsonNode exhausted = report.get("budget_exhausted");
        assertThat(exhausted.get("reason").asText()).isEqualTo("budget");
        assertThat(exhausted.get("photos").asInt()).isEqualTo(listed.size());
        assertThat(exhausted.get("photos_detected").asInt()).isEqualTo(detected.size());
        assertThat(exhausted.get("photos_not_detected").asInt()).isEqualTo(notDetected.size());
        assertThat(exhausted.get("not_detected_photos")).extracting(JsonNode::asText).containsExactlyElementsOf(notDetected);
        // what the budget leaves after the other components' expected thousandths of a krone
        assertThat(exhausted.at("/detector_limit/seconds_per_shard").asDouble()).isCloseTo(DETECTOR_SECONDS, within(0.05));
        assertThat(report.at("/detections/detector_failures").asInt()).as("not reached is not unreadable")
                .isLessThan(notDetected.size());
        assertThat(statesIn(report)).endsWith("WriteParquet", "CheckDetectionStopped", "FailBudgetExhausted");
        assertThat(console()).contains("✗ BudgetExhausted: detection stopped because the budget ran out after " + detected.size()
                + " of " + listed.size() + " photos; outputs cover those " + detected.size()
                + " (run_report.json lists the " + notDetected.size() + " not detected)");
    }

    /** The shared photos again under each station: a run the few seconds cannot finish, of real photos only. */
    private Path copiesOfTheSharedPhotos(Path photos) throws IOException {
        Path input = dir.resolve("photos");
        List<Path> originals;
        try (Stream<Path> files = Files.list(photos)) {
            originals = files.filter(file -> file.toString().endsWith(".jpg")).sorted().toList();
        }
        for (int station = 0; station < STATIONS; station++) {
            Path folder = Files.createDirectories(input.resolve(String.format("Station%02d", station)));
            for (Path original : originals) {
                Files.copy(original, folder.resolve(original.getFileName()));
            }
        }
        return input;
    }

    private static List<String> photoList(Path imagesJsonl) throws IOException {
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(imagesJsonl)) {
            if (!line.isBlank()) {
                files.add(Json.parse(line).get("file").asText());
            }
        }
        return files;
    }

    /** The photo of each row of record_table.csv (its Directory and FileName), relative to the input folder. */
    private static List<String> recordedPhotos(Path recordTable, Path input) throws IOException {
        List<String> rows = Files.readAllLines(recordTable);
        List<String> columns = cells(rows.get(0));
        List<String> photos = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = cells(row);
            Path folder = Path.of(cells.get(columns.indexOf("Directory")));
            photos.add(input.relativize(folder).resolve(cells.get(columns.indexOf("FileName"))).toString().replace('\\', '/'));
        }
        return photos;
    }

    /** A CSV line's cells; the test's paths hold no commas or quotes. */
    private static List<String> cells(String line) {
        return Stream.of(line.split(",", -1)).map(cell -> cell.replaceAll("^\"|\"$", "")).toList();
    }

    private int munin(String... args) {
        Properties overrides = new Properties();
        overrides.putAll(PRICES);
        // the estimate must fit the budget for the run to start: a tiny assumed time per photo and no start-up,
        // instead of the calibration table's measured ones
        overrides.setProperty("munin.budget.detector-speeds", "");
        overrides.setProperty("munin.budget.ms-per-frame", "1");
        overrides.setProperty("munin.budget.startup-seconds", "0");
        // the worst case (2 attempts x max_job_duration) is far over it: the detector holds the budget instead
        overrides.setProperty("munin.budget.worst-case-over-budget", "stop-at-budget");
        // slow and steady photos, so the few seconds end well inside the list
        overrides.setProperty("munin.detect.jvm-options", "-Xmx1g -Ddetector.threads=1 -Ddetector.reduced-decode=false");
        // no weather service is asked: the photos have no position
        overrides.setProperty("munin.weather.retry.backoff-ms", "10");
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            return new MuninCli(out, Clock.systemUTC(), overrides).execute(args);
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }
}
