package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostAccounting;
import dk.munin.budget.UsageModel;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;
import dk.munin.state.BudgetCheck;
import dk.munin.state.CostEstimate;
import dk.munin.state.EventCounts;
import dk.munin.state.FinalResults;
import dk.munin.state.Json;
import dk.munin.state.PhotoCounts;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.state.WeatherCounts;
import dk.munin.workflow.ExecutionHistorySource;
import dk.munin.workflow.ExecutionHistoryUnavailable;
import dk.munin.workflow.HistoryEntry;
import dk.munin.workflow.StateMachine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * run_report.json: what a run did, for the researcher and for whoever pays. The format is
 * documented with an annotated example in docs/run-report.md; bump {@link #FORMAT_VERSION}
 * when a field changes meaning.
 */
public class RunReport {

    public static final String FORMAT_VERSION = "1.0";
    public static final String FILE_NAME = "run_report.json";
    /** The state that writes the report. */
    private static final String REPORTING_STATE = Stage.WRITE_PARQUET.stateName();
    private static final String SUCCEEDED = "succeeded";
    private static final String FAILED = "failed";


    private final ObjectStore store;
    private final ExecutionHistorySource history;
    private final Supplier<StateMachine> workflow;
    private final CostAccounting accounting;
    private final Clock clock;

    /**
     * @param history  the embedded runner's or Step Functions' history of the execution in state.execution.id
     * @param workflow the definition, read when a report is first written rather than when every stage starts
     * @param accounting prices what the run measured of itself, beside the estimate
     * @param clock    stamps the report and ends the total run time
     */
    public RunReport(ObjectStore store, ExecutionHistorySource history, Supplier<StateMachine> workflow, CostAccounting accounting,
                     Clock clock) {
        this.store = store;
        this.history = history;
        this.workflow = workflow;
        this.accounting = accounting;
        this.clock = clock;
    }

    /**
     * A file made from the report just before the report itself is written (report.html), so that
     * it shows the report's figures and the report lists it among its artefacts. Like the report's
     * own bytes, its bytes are not in the cost accounting, which is made before it exists.
     */
    public interface Companion {

        /** Where it is written; final_results.files lists it. */
        Location location();

        /** The report's field for what it says of itself. */
        String field();

        /** Writes it from the report as it stands, and says what it holds. */
        JsonNode write(ObjectNode report);
    }

    /**
     * Writes the companion from the report, then the report with the companion's summary and its
     * artefact entry.
     *
     * @return the report as written
     */
    public ObjectNode write(Location target, RunState state, EventsFile events, FinalResults results, Companion companion) {
        ObjectNode report = build(state, events, results, companion.location().uri());
        JsonNode summary = companion.write(report);
        report.set(companion.field(), summary);
        ((ArrayNode) report.get("artefacts")).addAll(Json.MAPPER.<ArrayNode>valueToTree(
                Artefacts.of(store, List.of(companion.location().uri()))));
        store.write(target, Json.writePretty(report));
        return report;
    }

    /** @param companionUri a file of final_results written after the report is built, so not read back here */
    ObjectNode build(RunState state, EventsFile events, FinalResults results, String companionUri) {
        Instant now = clock.instant();
        String executionId = state.execution() == null ? null : state.execution().id();
        List<HistoryEntry> entries = List.of();
        String historyUnavailable = null;
        if (executionId != null) {
            try {
                entries = completed(history.historyOf(executionId), now, state);
            } catch (ExecutionHistoryUnavailable e) {
                // The report is the run's result; a history it cannot read is a gap to name, not a failed run.
                historyUnavailable = e.getMessage();
            }
        }

        ObjectNode report = Json.object();
        report.put("report_format_version", FORMAT_VERSION);
        report.put("generated_at", now.toString());
        report.put("session_id", state.sessionId());
        report.put("execution_id", executionId);
        report.put("input_uri", state.inputUri());
        report.put("output_uri", state.outputUri());
        report.set("budget", budget(state));
        List<Artefacts.Artefact> artefacts = Artefacts.of(store,
                results.files().stream().filter(file -> !file.equals(results.reportUri()) && !file.equals(companionUri)).toList());
        report.set("cost", orNull(accounting.account(state, measured(entries, results, artefacts))));
        report.set("photos", photos(state.stage0Exif()));
        report.set("detections", detections(state, events));
        report.set("budget_exhausted", BudgetExhaustedSection.of(state, events));
        report.set("camtrap_dp", events.camtrapDp() == null ? NullNode.getInstance() : Json.MAPPER.valueToTree(events.camtrapDp()));
        report.set("weather", state.weatherEnrichment() == null ? NullNode.getInstance() : weather(state.weatherEnrichment()));
        report.set("execution_history", history(entries));
        report.put("execution_history_unavailable", historyUnavailable);
        report.set("timings", timings(state, entries, now));
        report.set("final_results", Json.MAPPER.valueToTree(results));
        report.set("artefacts", Json.MAPPER.valueToTree(artefacts));
        return report;
    }

    /** The manifest's budget against the cost estimate CostEstimation made for the photos actually found. */
    private static ObjectNode budget(RunState state) {
        ObjectNode section = Json.object();
        CostEstimate estimate = state.costEstimation();
        section.put("budget_dkk", state.budgetDkk());
        if (estimate == null) {
            section.putNull("estimated_cost_dkk");
            section.putNull("within_budget");
        } else {
            section.put("estimated_cost_dkk", estimate.breakdown().totalDkk());
            section.put("within_budget", state.budgetDkk() != null && estimate.breakdown().totalDkk() <= state.budgetDkk());
        }
        section.set("guard", state.guardBudget() == null ? NullNode.getInstance() : guard(state.guardBudget()));
        section.set("cost_estimate", estimate == null ? NullNode.getInstance() : costEstimate(estimate));
        return section;
    }

    private static ObjectNode guard(BudgetCheck guard) {
        ObjectNode section = Json.object();
        section.put("budget_dkk", guard.budgetDkk());
        section.set("guard_estimate", Json.MAPPER.valueToTree(guard.guardEstimate()));
        return section;
    }

    /** The estimate's figures beside the shard plan, as one object. */
    private static ObjectNode costEstimate(CostEstimate estimate) {
        ObjectNode section = Json.MAPPER.valueToTree(estimate.estimate());
        section.put("shards", estimate.shards());
        section.put("estimated_seconds_per_shard", estimate.estimatedSecondsPerShard());
        section.set("worst_case", Json.MAPPER.valueToTree(estimate.worstCase()));
        section.set("detector_limit", Json.MAPPER.valueToTree(estimate.detectorLimit()));
        return section;
    }

    private ObjectNode photos(PhotoCounts stage0) {
        ObjectNode section = Json.object();
        if (stage0 == null) {
            section.putNull("seen");
            section.putNull("read");
            section.putNull("failed");
            section.putArray("failed_photos");
            return section;
        }
        section.put("seen", stage0.photosListed());
        section.put("read", stage0.photosRead());
        section.put("failed", stage0.photosFailed());
        section.set("failed_photos", failedPhotos(stage0));
        return section;
    }

    /**
     * The images.jsonl lines with an error, read as a stream. It stops once it has found as
     * many as Stage-0 counted, and does not read at all when Stage-0 counted none.
     */
    private ArrayNode failedPhotos(PhotoCounts stage0) {
        ArrayNode failed = Json.MAPPER.createArrayNode();
        if (stage0.photosFailed() == 0) {
            return failed;
        }
        new StoredLines(store).read(Location.parse(stage0.imagesUri()), line -> {
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
            return failed.size() < stage0.photosFailed();
        });
        return failed;
    }

    /**
     * How Stage-2 counted, and the photos reconciled across stages: every photo Stage-0 read was
     * either seen by the detector, or is listed as a detection failure with the detector's reason,
     * or was not reached because the detector stopped at a limit (counted here, listed in budget_exhausted).
     */
    private static ObjectNode detections(RunState state, EventsFile events) {
        EventCounts stage2 = state.stage2Post();
        ObjectNode section = Json.object();
        section.put("species_from", events.speciesFrom());
        section.set("events_rules", Json.MAPPER.valueToTree(events.rules()));
        section.put("model_family", events.modelFamily());
        section.put("thresholds_reason", events.thresholdsReason());
        section.set("thresholds", Json.MAPPER.valueToTree(events.thresholds()));
        if (stage2 == null) {
            for (String count : List.of("detections", "detections_counted", "repeat_detections", "photos_with_detections",
                    "sequences", "records", "events")) {
                section.putNull(count);
            }
        } else {
            section.put("detections", stage2.detections());
            section.put("detections_counted", stage2.detectionsCounted());
            section.put("repeat_detections", stage2.repeatDetections());
            section.put("photos_with_detections", stage2.photosWithDetections());
            section.put("sequences", stage2.sequences());
            section.put("records", stage2.records());
            section.put("events", stage2.events());
        }
        Integer read = state.stage0Exif() == null ? null : state.stage0Exif().photosRead();
        section.put("photos_read_by_stage0", read);
        section.put("photos_detected", read == null ? null : read - events.detectorFailures().size());
        List<EventsFile.DetectorFailure> couldNotRead = events.detectorFailures().stream()
                .filter(failure -> DetectionStop.ofFailure(failure.failure()).isEmpty()).toList();
        section.put("detector_failures", couldNotRead.size());
        section.set("detector_failed_photos", Json.MAPPER.valueToTree(couldNotRead));
        section.put("photos_not_detected", events.detectorFailures().size() - couldNotRead.size());
        return section;
    }

    /** What the run measured of itself for the accounting: the history's task durations and transitions, the outputs' size. */
    private static CostAccounting.Measured measured(List<HistoryEntry> entries, FinalResults results, List<Artefacts.Artefact> artefacts) {
        List<CostAccounting.StateDuration> visits = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            Duration duration = duration(entry);
            if (duration != null) {
                visits.add(new CostAccounting.StateDuration(entry.state(), duration, entry.attempts()));
            }
        }
        long bytes = artefacts.stream().mapToLong(Artefacts.Artefact::bytes).sum();
        long monitored = artefacts.stream().filter(artefact -> artefact.bytes() >= UsageModel.MONITORED_BYTES).count();
        return new CostAccounting.Measured(visits, entries.size(), results.files().size(), bytes, monitored);
    }

    /** The weather summary, without the work folder's location (final_results has it). */
    private static ObjectNode weather(WeatherCounts weather) {
        ObjectNode section = Json.MAPPER.valueToTree(weather);
        section.remove("weather_uri");
        return section;
    }

    /**
     * Writing this report is WriteParquet's last act: once it is written the state has
     * succeeded, and the workflow goes on where the definition leads with this state (through
     * CheckDetectionStopped to Success, or to FailBudgetExhausted). The history says so, rather
     * than show the state still running and the run without an end.
     */
    private List<HistoryEntry> completed(List<HistoryEntry> entries, Instant now, RunState state) {
        if (entries.isEmpty()) {
            return entries;
        }
        HistoryEntry last = entries.get(entries.size() - 1);
        if (!REPORTING_STATE.equals(last.state()) || last.exited() != null) {
            return entries;
        }
        List<HistoryEntry> completed = new ArrayList<>(entries.subList(0, entries.size() - 1));
        // A running entry may count no attempt yet (the embedded runner's does not); this one has made one.
        completed.add(new HistoryEntry(last.state(), last.type(), last.entered(), now, SUCCEEDED, null, Math.max(1, last.attempts())));
        StateMachine definition = workflow.get();
        JsonNode input = state.toJson();
        String next = definition.nextOnSuccess(last.state()).orElse(null);
        while (next != null) {
            String type = definition.typeOf(next).orElse(null);
            String failsWith = definition.failErrorOf(next).orElse(null);
            completed.add(new HistoryEntry(next, type, now, now, failsWith == null ? SUCCEEDED : FAILED, failsWith, 1));
            // a Choice decides on the state this report describes, as the runner will; any other state ends the run
            next = "Choice".equals(type) ? definition.nextFor(next, input).orElse(null) : null;
        }
        return completed;
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
     * times), and the total from the execution's start to this report (WriteParquet's time runs
     * up to the report).
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
        String recorded = state.execution() == null ? null : state.execution().startTime();
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

    private static String isoOrNull(Instant time) {
        return time == null ? null : time.toString();
    }
}
