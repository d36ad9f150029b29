package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.EventsFile;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;
import dk.munin.workflow.ExecutionHistorySource;
import dk.munin.workflow.HistoryEntry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * run_report.json: what a run did, for the researcher and for whoever pays. The format is
 * documented with an annotated example in docs/run-report.md; bump {@link #FORMAT_VERSION}
 * when a field changes meaning.
 */
public class RunReport {

    public static final String FORMAT_VERSION = "1.0";
    public static final String FILE_NAME = "run_report.json";


    private final ObjectStore store;
    private final ExecutionHistorySource history;
    private final Clock clock;

    /**
     * @param history the embedded runner's or Step Functions' history of the execution in state.execution.id
     * @param clock   stamps the report and ends the total run time
     */
    public RunReport(ObjectStore store, ExecutionHistorySource history, Clock clock) {
        this.store = store;
        this.history = history;
        this.clock = clock;
    }

    public void write(Location target, RunState state, EventsFile events, FinalResults results) {
        store.write(target, Json.writePretty(build(state, events, results)));
    }

    ObjectNode build(RunState state, EventsFile events, FinalResults results) {
        Instant now = clock.instant();
        String executionId = textOrNull(state.get(RunState.EXECUTION).path("id"));
        List<HistoryEntry> entries = executionId == null ? List.of() : history.historyOf(executionId);

        ObjectNode report = Json.object();
        report.put("report_format_version", FORMAT_VERSION);
        report.put("generated_at", now.toString());
        report.put("session_id", state.sessionId());
        report.put("execution_id", executionId);
        report.put("input_uri", state.inputUri());
        report.put("output_uri", state.outputUri());
        report.set("budget", budget(state));
        report.set("photos", photos(state));
        report.set("detections", detections(state, events));
        report.set(RunState.WEATHER, orNull(state.get(RunState.WEATHER)));
        report.set("execution_history", history(entries));
        report.set("timings", timings(state, entries, now));
        report.set("final_results", Json.MAPPER.valueToTree(results));
        return report;
    }

    /** The manifest's budget against the cost estimate CostEstimation made for the photos actually found. */
    private static ObjectNode budget(RunState state) {
        JsonNode budget = state.get(RunState.BUDGET_DKK);
        JsonNode estimate = state.get(RunState.COST_ESTIMATE).path("estimated_cost");
        ObjectNode section = Json.object();
        section.set("budget_dkk", orNull(budget));
        section.set("estimated_cost_dkk", orNull(estimate));
        if (budget.isNumber() && estimate.isNumber()) {
            section.put("within_budget", estimate.asDouble() <= budget.asDouble());
        } else {
            section.putNull("within_budget");
        }
        section.set("guard", orNull(state.get(RunState.BUDGET)));
        section.set("cost_estimate", orNull(state.get(RunState.COST_ESTIMATE)));
        return section;
    }

    private ObjectNode photos(RunState state) {
        JsonNode stage0 = state.get(RunState.STAGE0);
        ObjectNode section = Json.object();
        section.set("seen", orNull(stage0.path("photos_listed")));
        section.set("read", orNull(stage0.path("photos_read")));
        section.set("failed", orNull(stage0.path("photos_failed")));
        section.set("failed_photos", failedPhotos(state, stage0.path("photos_failed")));
        return section;
    }

    /**
     * The images.jsonl lines with an error, read as a stream. It stops once it has found as
     * many as Stage-0 counted, and does not read at all when Stage-0 counted none.
     */
    private ArrayNode failedPhotos(RunState state, JsonNode failedCount) {
        ArrayNode failed = Json.MAPPER.createArrayNode();
        JsonNode imagesJsonl = state.get(RunState.STAGE0_OUTPUT_URI);
        boolean noneFailed = failedCount.isNumber() && failedCount.asInt() == 0;
        if (!imagesJsonl.isTextual() || noneFailed) {
            return failed;
        }
        int expected = failedCount.isNumber() ? failedCount.asInt() : Integer.MAX_VALUE;
        new StoredLines(store).read(Location.parse(imagesJsonl.asText()), line -> {
            if (!line.isBlank()) {
                JsonNode photo = Json.parse(line);
                JsonNode error = photo.path("error");
                if (!error.isMissingNode() && !error.isNull()) {
                    ObjectNode entry = failed.addObject();
                    entry.set("file", orNull(photo.path("file")));
                    entry.set("uri", orNull(photo.path("uri")));
                    entry.set("error", error);
                }
            }
            return failed.size() < expected;
        });
        return failed;
    }

    private static ObjectNode detections(RunState state, EventsFile events) {
        JsonNode stage2 = state.get(RunState.STAGE2);
        ObjectNode section = Json.object();
        for (String count : List.of("detections", "detections_above_threshold", "photos_with_detections", "events")) {
            section.set(count, orNull(stage2.path(count)));
        }
        section.put("confidence_threshold", events.confidenceThreshold());
        section.put("event_gap_minutes", events.eventGapMinutes());
        return section;
    }

    private static ArrayNode history(List<HistoryEntry> entries) {
        ArrayNode states = Json.MAPPER.createArrayNode();
        for (HistoryEntry entry : entries) {
            ObjectNode state = states.addObject();
            state.put("state", entry.state());
            state.put("type", entry.type());
            state.put("entered", isoOrNull(entry.entered()));
            state.put("exited", isoOrNull(entry.exited()));
            Duration duration = duration(entry);
            if (duration == null) {
                state.putNull("duration_ms");
            } else {
                state.put("duration_ms", duration.toMillis());
            }
            state.put("outcome", entry.outcome());
            state.put("error", entry.error());
            state.put("attempts", entry.attempts());
        }
        return states;
    }

    /**
     * Milliseconds per finished state, in the order entered (a state entered twice counts both
     * times), and the total from the execution's start to this report. WriteParquet is still
     * running while it writes the report, so it appears in the history but not here.
     */
    private static ObjectNode timings(RunState state, List<HistoryEntry> entries, Instant now) {
        Map<String, Long> perState = new LinkedHashMap<>();
        for (HistoryEntry entry : entries) {
            Duration duration = duration(entry);
            if (duration != null) {
                perState.merge(entry.state(), duration.toMillis(), Long::sum);
            }
        }
        ObjectNode timings = Json.object();
        timings.set("per_state_ms", Json.MAPPER.valueToTree(perState));
        Instant start = executionStart(state, entries);
        if (start == null) {
            timings.putNull("total_ms");
        } else {
            timings.put("total_ms", Duration.between(start, now).toMillis());
        }
        return timings;
    }

    /** state.execution.start_time (set by the workflow's first state), else the first state entered. */
    private static Instant executionStart(RunState state, List<HistoryEntry> entries) {
        String recorded = textOrNull(state.get(RunState.EXECUTION).path("start_time"));
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                // not an ISO instant: fall back to the history, which has real Instants
            }
        }
        return entries.isEmpty() ? null : entries.get(0).entered();
    }

    private static Duration duration(HistoryEntry entry) {
        return entry.entered() == null || entry.exited() == null ? null : Duration.between(entry.entered(), entry.exited());
    }

    private static JsonNode orNull(JsonNode value) {
        return value == null || value.isMissingNode() ? NullNode.getInstance() : value;
    }

    private static String textOrNull(JsonNode value) {
        return value.isTextual() ? value.asText() : null;
    }

    private static String isoOrNull(Instant time) {
        return time == null ? null : time.toString();
    }
}
