package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostMetric;
import dk.munin.stage.writeparquet.WriteParquet;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.weather.TestEvents;
import dk.munin.workflow.ExecutionHistoryUnavailable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dk.munin.weather.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** run_report.json as WriteParquet writes it, read back from the output folder. */
class RunReportTest {

    @TempDir
    Path temp;

    private RunFixture run;
    private final List<String> historyAskedFor = new ArrayList<>();

    @BeforeEach
    void setUp() {
        run = new RunFixture(temp);
    }

    private JsonNode reportFor(ObjectNode state) {
        WriteParquet stage = new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, executionId -> {
                    historyAskedFor.add(executionId);
                    return RunFixture.HISTORY;
                }, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(), CostMetric.off());
        stage.write(state);
        return Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));
    }

    private ObjectNode twoEventState() {
        return run.state(List.of(
                event("e1", Instant.parse("2024-05-01T12:20:00Z"), 55.6761, 12.5683),
                event("e2", null, null, null)), List.of(RunFixture.availableWeather("e1")));
    }

    @Test
    void identifiesTheRun() {
        JsonNode report = reportFor(twoEventState());

        assertThat(report.path("report_format_version").asText()).isEqualTo(RunReport.FORMAT_VERSION);
        assertThat(report.path("generated_at").asText()).isEqualTo("2024-05-01T12:05:00Z");
        assertThat(report.path("session_id").asText()).isEqualTo(TestEvents.SESSION_ID);
        assertThat(report.path("execution_id").asText()).isEqualTo(RunFixture.EXECUTION_ID);
        assertThat(report.path("input_uri").asText()).isEqualTo(run.input.uri());
        assertThat(report.path("output_uri").asText()).isEqualTo(run.output.uri());
        assertThat(historyAskedFor).containsExactly(RunFixture.EXECUTION_ID);
    }

    @Test
    void comparesTheEstimateWithTheBudget() {
        JsonNode budget = reportFor(twoEventState()).path("budget");

        assertThat(budget.path("budget_dkk").asDouble()).isEqualTo(25.0);
        // 5 photos x 1.5 s at 1 DKK an hour, and nothing else priced
        assertThat(budget.path("estimated_cost_dkk").asDouble()).isCloseTo(5 * 1.5 / 3600, within(1e-12));
        assertThat(budget.path("within_budget").asBoolean()).isTrue();
        assertThat(budget.path("cost_estimate").path("file_count").asInt()).isEqualTo(5);
        assertThat(budget.path("guard").path("budget_dkk").asDouble()).isEqualTo(25.0);
    }

    @Test
    void countsPhotosAndListsTheFailedOnesWithTheirErrors() {
        JsonNode photos = reportFor(twoEventState()).path("photos");

        assertThat(photos.path("seen").asInt()).isEqualTo(5);
        assertThat(photos.path("read").asInt()).isEqualTo(3);
        assertThat(photos.path("failed").asInt()).isEqualTo(2);
        JsonNode failed = photos.path("failed_photos");
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0).path("file").asText()).isEqualTo("StationA/Ræv 0002.JPG");
        assertThat(failed.get(0).path("error").asText()).isEqualTo("File is empty");
        assertThat(failed.get(0).path("uri").asText()).isEqualTo(run.input.resolve("StationA/Ræv 0002.JPG").uri());
        assertThat(failed.get(1).path("file").asText()).isEqualTo("StationB/IMG_0004.JPG");
        assertThat(failed.get(1).path("error").asText()).isEqualTo("not a JPEG");
    }

    @Test
    void doesNotReadImagesJsonlWhenNoPhotoFailed() {
        ObjectNode state = twoEventState();
        ((ObjectNode) state.path(RunState.STAGE0_EXIF)).put("photos_failed", 0)
                .put("images_uri", run.output.resolve("stage0/gone.jsonl").uri());

        JsonNode photos = reportFor(state).path("photos");

        assertThat(photos.path("failed").asInt()).isZero();
        assertThat(photos.path("failed_photos")).isEmpty();
    }

    @Test
    void carriesDetectionsAndWeather() {
        JsonNode report = reportFor(twoEventState());

        JsonNode detections = report.path("detections");
        assertThat(detections.path("detections").asInt()).isEqualTo(9);
        assertThat(detections.path("detections_counted").asInt()).isEqualTo(7);
        assertThat(detections.path("photos_with_detections").asInt()).isEqualTo(3);
        assertThat(detections.path("events").asInt()).isEqualTo(2);
        assertThat(detections.path("model_family").asText()).isEqualTo("fastestdet");
        assertThat(detections.path("thresholds").path("animal").asDouble()).isEqualTo(0.65);
        assertThat(detections.path("events_rules").path("min_delta_time").asInt()).isEqualTo(30);
        assertThat(detections.path("species_from").asText()).isEqualTo("detector");
        assertThat(report.path("weather").path("provider").asText()).isEqualTo("metno");
        assertThat(report.path("weather").path("events_with_weather").asInt()).isEqualTo(1);
    }

    @Test
    void reconcilesThePhotosStageZeroReadWithThoseTheDetectorCouldNot() {
        JsonNode report = reportFor(twoEventState());

        JsonNode detections = report.path("detections");
        assertThat(detections.path("photos_read_by_stage0").asInt()).isEqualTo(3);
        assertThat(detections.path("detector_failures").asInt()).isEqualTo(1);
        assertThat(detections.path("photos_detected").asInt()).isEqualTo(2);
        assertThat(detections.path("detector_failed_photos")).singleElement()
                .satisfies(failed -> assertThat(failed.path("file").asText()).isEqualTo("StationA/IMG_0003.JPG"))
                .satisfies(failed -> assertThat(failed.path("failure").asText()).isEqualTo("image access failure"));
    }

    @Test
    void listsTheHistoryInTheOrderEnteredWithDurations() {
        JsonNode history = reportFor(twoEventState()).path("execution_history");

        assertThat(history).extracting(entry -> entry.path("state").asText())
                .containsExactly("RecordExecution", "GuardBudget", "WriteParquet", "CheckDetectionStopped", "Success");
        JsonNode guard = history.get(1);
        assertThat(guard.path("type").asText()).isEqualTo("Task");
        assertThat(guard.path("entered").asText()).isEqualTo("2024-05-01T12:00:00.100Z");
        assertThat(guard.path("exited").asText()).isEqualTo("2024-05-01T12:00:01.350Z");
        assertThat(guard.path("duration_ms").asLong()).isEqualTo(1250);
        assertThat(guard.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(guard.path("attempts").asInt()).isEqualTo(2);
        JsonNode writingThisReport = history.get(2);
        assertThat(writingThisReport.path("outcome").asText()).as("the report is WriteParquet's last act").isEqualTo("succeeded");
        assertThat(writingThisReport.path("exited").asText()).isEqualTo("2024-05-01T12:05:00Z");
        assertThat(writingThisReport.path("duration_ms").asLong()).isEqualTo(1000);
        assertThat(history.get(3).path("type").asText()).as("the definition's state after WriteParquet").isEqualTo("Choice");
        JsonNode end = history.get(4);
        assertThat(end.path("type").asText()).as("where the Choice leads a run that detected every photo").isEqualTo("Succeed");
        assertThat(end.path("outcome").asText()).isEqualTo("succeeded");
    }

    @Test
    void timesEachFinishedStateAndTheWholeRun() {
        JsonNode timings = reportFor(twoEventState()).path("timings");

        assertThat(timings.path("per_state_ms").path("GuardBudget").asLong()).isEqualTo(1250);
        assertThat(timings.path("per_state_ms").path("RecordExecution").asLong()).isZero();
        assertThat(timings.path("per_state_ms").path("WriteParquet").asLong()).isEqualTo(1000);
        assertThat(timings.path("total_ms").asLong()).isEqualTo(5 * 60 * 1000);
    }

    @Test
    void endsWithTheFinalResults() {
        JsonNode finalResults = reportFor(twoEventState()).path("final_results");

        assertThat(finalResults.path("parquet_uri").asText()).isEqualTo(run.output.resolve("clusters.parquet").uri());
        assertThat(finalResults.path("files_created").asInt()).isEqualTo(finalResults.path("files").size());
    }

    @Test
    void withoutAnExecutionIdTheHistoryIsEmpty() {
        ObjectNode state = twoEventState();
        state.remove(RunState.EXECUTION);

        JsonNode report = reportFor(state);

        assertThat(report.path("execution_id").isNull()).isTrue();
        assertThat(report.path("execution_history")).isEmpty();
        assertThat(report.path("timings").path("total_ms").isNull()).isTrue();
        assertThat(historyAskedFor).isEmpty();
    }

    @Test
    void anUnreadableHistoryIsNamedAndTheReportStillWritten() {
        WriteParquet stage = new WriteParquet(run.store, new ClustersParquetWriter(run.store),
                new RunReport(run.store, executionId -> {
                    throw new ExecutionHistoryUnavailable("Step Functions' history of " + executionId + " could not be read: timed out", null);
                }, () -> RunFixture.WORKFLOW, RunFixture.ACCOUNTING, RunFixture.NOW), run.page(), CostMetric.off());

        stage.write(twoEventState());

        JsonNode report = Json.parse(run.store.read(run.output.resolve(RunReport.FILE_NAME)));
        assertThat(report.path("execution_history")).isEmpty();
        assertThat(report.path("execution_history_unavailable").asText())
                .isEqualTo("Step Functions' history of " + RunFixture.EXECUTION_ID + " could not be read: timed out");
        assertThat(report.path("timings").path("total_ms").isNumber()).isTrue();
        assertThat(report.path("final_results").path("files_created").asInt()).isPositive();
    }

    @Test
    void aReadableHistoryIsNotCalledUnavailable() {
        assertThat(reportFor(twoEventState()).path("execution_history_unavailable").isNull()).isTrue();
    }
}
