package dk.munin.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostAccounting;
import dk.munin.budget.RunEstimate;
import dk.munin.cluster.Event;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.state.BudgetCheck;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectionsMerged;
import dk.munin.state.DetectorLimit;
import dk.munin.state.DetectorQueue;
import dk.munin.state.DetectorTime;
import dk.munin.state.EventCounts;
import dk.munin.state.ExecutionStart;
import dk.munin.state.JobCost;
import dk.munin.state.Json;
import dk.munin.state.PhotoCounts;
import dk.munin.state.ProviderWeatherCounts;
import dk.munin.state.RunState;
import dk.munin.state.WeatherCounts;
import dk.munin.state.WorstCase;
import dk.munin.output.report.ReportPage;
import dk.munin.output.report.ReportSettings;
import dk.munin.testing.ApplicationSettings;
import dk.munin.testing.TestBudgets;
import dk.munin.testing.TestStates;
import dk.munin.weather.DaySummary;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.PriorDays;
import dk.munin.weather.TestEvents;
import dk.munin.weather.WeatherSource;
import dk.munin.weather.WeatherValues;
import dk.munin.workflow.HistoryEntry;
import dk.munin.workflow.LocalSubstitutions;
import dk.munin.workflow.StateMachine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** A finished run's state and work files in a temporary folder, as the earlier stages leave them. */
public final class RunFixture {

    public static final String EXECUTION_ID = "arn:aws:states:eu-north-1:000000000000:execution:munin:run-1";
    public static final Instant STARTED = Instant.parse("2024-05-01T12:00:00Z");
    public static final Clock NOW = Clock.fixed(Instant.parse("2024-05-01T12:05:00Z"), ZoneOffset.UTC);

    /** Three states of the run, in the order entered; WriteParquet itself is still running. */
    public static final List<HistoryEntry> HISTORY = List.of(
            new HistoryEntry("RecordExecution", "Pass", STARTED, STARTED, "succeeded", null, 1),
            new HistoryEntry("GuardBudget", "Task", Instant.parse("2024-05-01T12:00:00.100Z"),
                    Instant.parse("2024-05-01T12:00:01.350Z"), "succeeded", null, 2),
            new HistoryEntry("WriteParquet", "Task", Instant.parse("2024-05-01T12:04:59Z"), null, "running", null, 1));

    /** The real workflow definition, for what the report says comes after WriteParquet. */
    public static final StateMachine WORKFLOW = realWorkflow();
    /** Prices the run's measurements as the tests' hand-made table prices the estimate: only the detector costs. */
    public static final CostAccounting ACCOUNTING = TestBudgets.accounting();

    /** report.html as application.properties makes it. */
    public static final ReportSettings REPORT = ReportSettings.from(ApplicationSettings.settings());

    public final LocalFileStore store = new LocalFileStore();
    public final Location output;
    public final Location input;

    public RunFixture(Path temp) {
        output = Location.of(temp.resolve("out"));
        input = Location.of(temp.resolve("photos"));
    }

    /** report.html as the app makes it, on this fixture's store. */
    public ReportPage page() {
        return new ReportPage(store, REPORT);
    }

    public static EventWeather availableWeather(String eventId) {
        return new EventWeather(eventId, EventWeather.AVAILABLE, null, "metno",
                new WeatherSource("grid 55.5,9.1", null, 55.5, 9.1, 0.32), Instant.parse("2024-05-01T12:00:00Z"), -7L,
                "Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0",
                new WeatherValues(14.2, 61.0, 6.8, 0.0, 1, 4.1, 250.0, 7.3, 1012.3, null, 40.5, 3.1, "partlycloudy_day"),
                new PriorDays(2, 5.5, 3.1, 17.9, List.of(
                        new DaySummary(LocalDate.parse("2024-04-30"), 5.5, 6.0, 17.9, 24),
                        new DaySummary(LocalDate.parse("2024-04-29"), 0.0, 3.1, 12.4, 24))));
    }

    /** The state WriteParquet receives; weather is left out when {@code weather} is null. */
    public ObjectNode state(List<Event> events, List<EventWeather> weather) {
        RunEstimate estimate = TestBudgets.detectorOnlyEstimate(5);
        JobCost cost = estimate.detection();
        PhotoCounts stage0 = new PhotoCounts(writeImagesJsonl().uri(), "2.0", 5, 3, 2, 1000, 0, 0, 0, 0, Map.of(), Map.of());
        Location recordTable = output.resolve("record_table.csv");
        store.write(recordTable, RecordTableCsv.write(List.of(), input));
        // the report reads the detector's timing from the state; report.html reads the boxes of the photos it shows
        store.write(output.resolve("stage1/detections.json"), MegaDetectorFile.write(new BatchInfo("FastestDet.onnx",
                "2024-05-01 12:03:00", null), List.of(ImageEntry.detected("StationA/IMG_0002.JPG",
                List.of(new Detection("1", 0.91, new double[] {0.1, 0.2, 0.3, 0.4}))))));
        Location detections = output.resolve("detections.parquet");
        new ParquetOutput(store).write(detections, DetectionsSchema.SCHEMA, Map.of(), writer -> { });
        EventCounts stage2 = new EventCounts(TestEvents.writeEventsFile(store, output, events), "detector", "fastestdet",
                TestEvents.THRESHOLDS, 9, 7, 3, 1, 3, events.size(), recordTable.uri(), events.size(), 0,
                output.resolve("_work/" + TestEvents.SESSION_ID + "/stage2/repeat_detections.json").uri(),
                detections.uri(), null);
        WeatherCounts weatherCounts = null;
        if (weather != null) {
            Location folder = output.resolve(EventWeatherFile.FOLDER);
            EventWeatherFile.write(store, folder, weather);
            weatherCounts = new WeatherCounts(folder.uri(), "metno", null, 2, 1, 1, Map.of("no_location", 1L),
                    Map.of("metno", new ProviderWeatherCounts(1, 0, 0, 0, 1, null)));
        }
        return new RunState(input.uri(), output.uri(), 25.0, true, 10_000, 3600, 7, TestEvents.SESSION_ID, null, null,
                "detector", Json.MAPPER.valueToTree(TestEvents.RULES.toState()), null, "HYBRID", 2880, new ExecutionStart(EXECUTION_ID, STARTED.toString()),
                new BudgetCheck(output.resolve("_work/" + TestEvents.SESSION_ID + "/").uri(), 25.0, cost, estimate.breakdown(),
                        TestStates.ONE_INVOCATION),
                null, stage0, new CostEstimate(cost, 1, 7.5, output.resolve("stage1/").uri(), WorstCase.of(2, 1, 3600, 7.5, 0.45, 0),
                        estimate.breakdown(), estimate.speed(), true, new DetectorLimit(200_000, STARTED.plusSeconds(2880 * 60).toString())),
                new DetectorQueue("arn:aws:batch:eu-north-1:000000000000:job-queue/spot", "spot"), null,
                // the detector's own timing of its one shard: 3 photos read in 4.5 s, 1.5 s of start-up
                new DetectionsMerged(1, false, 5, output.resolve("stage1/detections.json").uri(), 0, null, new DetectorTime(1, 3, 4.5, 6.0)),
                stage2, weatherCounts, null)
                .toJson();
    }

    /** Five photos, the second and fourth unreadable, one with a non-ASCII name. */
    private Location writeImagesJsonl() {
        String lines = String.join("\n",
                "{\"file\":\"StationA/IMG_0001.JPG\",\"uri\":\"" + input.resolve("StationA/IMG_0001.JPG").uri() + "\",\"error\":null}",
                "{\"file\":\"StationA/Ræv 0002.JPG\",\"uri\":\"" + input.resolve("StationA/Ræv 0002.JPG").uri() + "\",\"error\":\"File is empty\"}",
                "{\"file\":\"StationA/IMG_0003.JPG\",\"uri\":\"" + input.resolve("StationA/IMG_0003.JPG").uri() + "\",\"error\":null}",
                "{\"file\":\"StationB/IMG_0004.JPG\",\"uri\":\"" + input.resolve("StationB/IMG_0004.JPG").uri() + "\",\"error\":\"not a JPEG\"}",
                "{\"file\":\"StationB/IMG_0005.JPG\",\"uri\":\"" + input.resolve("StationB/IMG_0005.JPG").uri() + "\",\"error\":null}") + "\n";
        Location images = output.resolve("stage0/images.jsonl");
        store.write(images, lines.getBytes(StandardCharsets.UTF_8));
        return images;
    }

    private static StateMachine realWorkflow() {
        try {
            String definition = Files.readString(Path.of("cloudformation/statemachine/pipeline.asl.json"));
            return StateMachine.parse(definition, LocalSubstitutions.of(definition, "arn:aws:lambda:eu-north-1:000000000000:function:munin-%s",
                    Map.of("DetectorSpotJobQueueArn", "arn:aws:batch:eu-north-1:000000000000:job-queue/spot",
                            "DetectorOnDemandJobQueueArn", "arn:aws:batch:eu-north-1:000000000000:job-queue/on-demand",
                            "DetectorJobDefinitionArn", "arn:aws:batch:eu-north-1:000000000000:job-definition/d:1")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
