package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The workflow state every stage receives and returns, as JSON between Lambda functions: the
 * manifest (the seed's Input Format, which GuardBudget completes with its defaults) and one
 * section per stage that has run, named after the stage. It carries URIs, never data: Step
 * Functions payloads are limited to 256 KB. Each JSON field name is written once, here or in the
 * section's record; docs/run-state.schema.json describes the same shape, and the tests hold
 * every stage's output to it.
 *
 * <p>Read strictly: a field this version does not know, or a section without one of its fields,
 * is an {@link InvalidState}, so a renamed field fails the hand-over loudly instead of silently
 * dropping a value or reading it as 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunState(
        // The manifest: what a researcher writes (docs/manifest.md).
        @JsonProperty(INPUT_URI) String inputUri,
        @JsonProperty(OUTPUT_URI) String outputUri,
        @JsonProperty(BUDGET_DKK) Double budgetDkk,
        @JsonProperty(USE_SPOT) Boolean useSpot,
        @JsonProperty(MAX_IMAGES) Integer maxImages,
        @JsonProperty(MAX_JOB_DURATION) Integer maxJobDuration,
        @JsonProperty(WEATHER_DAYS_BACK) Integer weatherDaysBack,
        @JsonProperty(SESSION_ID) String sessionId,
        @JsonProperty(TIME_ZONE) String timeZone,
        @JsonProperty(DEPLOYMENTS) JsonNode deployments,
        @JsonProperty(SPECIES_FROM) String speciesFrom,
        @JsonProperty(EVENTS) JsonNode events,
        @JsonProperty(PROJECT) JsonNode project,
        @JsonProperty(MODE) String mode,
        @JsonProperty(MAX_RUNTIME_MIN) Integer maxRuntimeMin,
        // Added by the workflow and the stages, in the order they run.
        @JsonProperty(EXECUTION) ExecutionStart execution,
        @JsonProperty(GUARD_BUDGET) BudgetCheck guardBudget,
        @JsonProperty(STAGE0_BATCHES) PhotoBatchRun stage0Batches,
        @JsonProperty(STAGE0_EXIF) PhotoCounts stage0Exif,
        @JsonProperty(COST_ESTIMATION) CostEstimate costEstimation,
        @JsonProperty(DETECTOR_QUEUE) DetectorQueue detectorQueue,
        @JsonProperty(SUBMIT_BATCH_STAGE1) DetectionJob submitBatchStage1,
        @JsonProperty(MERGE_DETECTIONS) DetectionsMerged mergeDetections,
        @JsonProperty(STAGE2_POST) EventCounts stage2Post,
        @JsonProperty(WEATHER_ENRICHMENT) WeatherCounts weatherEnrichment,
        @JsonProperty(ERROR) CaughtError error) {

    public static final String INPUT_URI = "input_uri";
    public static final String OUTPUT_URI = "output_uri";
    public static final String BUDGET_DKK = "budget_dkk";
    public static final String USE_SPOT = "use_spot";
    public static final String MAX_IMAGES = "max_images";
    public static final String MAX_JOB_DURATION = "max_job_duration";
    public static final String WEATHER_DAYS_BACK = "weather_days_back";
    public static final String SESSION_ID = "session_id";
    public static final String TIME_ZONE = "time_zone";
    public static final String DEPLOYMENTS = "deployments";
    public static final String SPECIES_FROM = "species_from";
    public static final String EVENTS = "events";
    public static final String PROJECT = "project";
    public static final String MODE = "mode";
    public static final String MAX_RUNTIME_MIN = "max_runtime_min";
    public static final String EXECUTION = "execution";
    public static final String GUARD_BUDGET = "guard_budget";
    public static final String STAGE0_BATCHES = "stage0_batches";
    public static final String STAGE0_EXIF = "stage0_exif";
    public static final String COST_ESTIMATION = "cost_estimation";
    public static final String DETECTOR_QUEUE = "detector_queue";
    public static final String SUBMIT_BATCH_STAGE1 = "submit_batch_stage1";
    public static final String MERGE_DETECTIONS = "merge_detections";
    public static final String STAGE2_POST = "stage2_post";
    public static final String WEATHER_ENRICHMENT = "weather_enrichment";
    public static final String ERROR = "error";

    /** Who adds a field the manifest does not have, for the message when it is missing. */
    private static final Map<String, String> ADDED_BY = Map.ofEntries(
            Map.entry(EXECUTION, "the workflow's first state (RecordExecution)"),
            Map.entry(SESSION_ID, Stage.GUARD_BUDGET.stateName()),
            Map.entry(SPECIES_FROM, Stage.GUARD_BUDGET.stateName()),
            Map.entry(EVENTS, Stage.GUARD_BUDGET.stateName()),
            Map.entry(MODE, Stage.GUARD_BUDGET.stateName()),
            Map.entry(MAX_RUNTIME_MIN, Stage.GUARD_BUDGET.stateName()),
            Map.entry(GUARD_BUDGET, Stage.GUARD_BUDGET.stateName()),
            Map.entry(STAGE0_BATCHES, "the workflow's ReadPhotoBatches"),
            Map.entry(STAGE0_EXIF, Stage.STAGE0_EXIF.stateName()),
            Map.entry(COST_ESTIMATION, Stage.COST_ESTIMATION.stateName()),
            Map.entry(DETECTOR_QUEUE, "the workflow's ChooseJobQueue"),
            Map.entry(SUBMIT_BATCH_STAGE1, Stage.SUBMIT_BATCH_STAGE1.stateName()),
            Map.entry(MERGE_DETECTIONS, Stage.MERGE_DETECTIONS.stateName()),
            Map.entry(STAGE2_POST, Stage.STAGE2_POST.stateName()),
            Map.entry(WEATHER_ENRICHMENT, Stage.WEATHER_ENRICHMENT.stateName()));

    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The state a stage was handed.
     *
     * @throws InvalidState naming the stage and what is wrong
     */
    public static RunState read(Stage reader, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw InvalidState.unreadable(reader, "it must be a JSON object, got " + json, null);
        }
        try {
            return STRICT.treeToValue(json, RunState.class);
        } catch (JsonProcessingException e) {
            throw InvalidState.unreadable(reader, e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw InvalidState.unreadable(reader, e.getMessage(), e);
        }
    }

    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    /**
     * A value the stage cannot work without.
     *
     * @param field the JSON field it comes from, for the message
     * @throws InvalidState naming the stage, the field and who adds it
     */
    public static <T> T need(Stage reader, String field, T value) {
        if (value == null) {
            throw InvalidState.missing(reader, field, ADDED_BY.get(field));
        }
        return value;
    }

    /** This state with GuardBudget's additions: the manifest's defaults filled in, and its section. */
    public RunState withGuardBudget(String sessionId, boolean useSpot, int maxImages, int maxJobDuration, int weatherDaysBack,
                                    String speciesFrom, EventRules events, String mode, int maxRuntimeMin, BudgetCheck section) {
        JsonNode completeEvents = Json.MAPPER.valueToTree(events);
        return copy(next -> {
            next.mode = mode;
            next.maxRuntimeMin = maxRuntimeMin;
            next.speciesFrom = speciesFrom;
            next.events = completeEvents;
            next.sessionId = sessionId;
            next.useSpot = useSpot;
            next.maxImages = maxImages;
            next.maxJobDuration = maxJobDuration;
            next.weatherDaysBack = weatherDaysBack;
            next.guardBudget = section;
        });
    }

    /** The manifest's {@code events} as GuardBudget completed them; null before it ran. */
    public EventRules eventRules() {
        return events == null || events.isNull() ? null : Json.convert(events, EventRules.class);
    }

    public RunState withStage0Exif(PhotoCounts section) {
        return copy(next -> next.stage0Exif = section);
    }

    public RunState withCostEstimation(CostEstimate section) {
        return copy(next -> next.costEstimation = section);
    }

    public RunState withMergeDetections(DetectionsMerged section) {
        return copy(next -> next.mergeDetections = section);
    }

    public RunState withStage2Post(EventCounts section) {
        return copy(next -> next.stage2Post = section);
    }

    public RunState withWeatherEnrichment(WeatherCounts section) {
        return copy(next -> next.weatherEnrichment = section);
    }

    /** A copy with some components changed by name, so no wither has to pass twenty-two values in order. */
    private RunState copy(Consumer<Components> change) {
        Components next = new Components(this);
        change.accept(next);
        return next.build();
    }

    /** The components of a state being made, by name. */
    private static final class Components {
        String inputUri;
        String outputUri;
        Double budgetDkk;
        Boolean useSpot;
        Integer maxImages;
        Integer maxJobDuration;
        Integer weatherDaysBack;
        String sessionId;
        String timeZone;
        JsonNode deployments;
        String speciesFrom;
        JsonNode events;
        JsonNode project;
        String mode;
        Integer maxRuntimeMin;
        ExecutionStart execution;
        BudgetCheck guardBudget;
        PhotoBatchRun stage0Batches;
        PhotoCounts stage0Exif;
        CostEstimate costEstimation;
        DetectorQueue detectorQueue;
        DetectionJob submitBatchStage1;
        DetectionsMerged mergeDetections;
        EventCounts stage2Post;
        WeatherCounts weatherEnrichment;
        CaughtError error;

        Components(RunState state) {
            inputUri = state.inputUri;
            outputUri = state.outputUri;
            budgetDkk = state.budgetDkk;
            useSpot = state.useSpot;
            maxImages = state.maxImages;
            maxJobDuration = state.maxJobDuration;
            weatherDaysBack = state.weatherDaysBack;
            sessionId = state.sessionId;
            timeZone = state.timeZone;
            deployments = state.deployments;
            speciesFrom = state.speciesFrom;
            events = state.events;
            project = state.project;
            mode = state.mode;
            maxRuntimeMin = state.maxRuntimeMin;
            execution = state.execution;
            guardBudget = state.guardBudget;
            stage0Batches = state.stage0Batches;
            stage0Exif = state.stage0Exif;
            costEstimation = state.costEstimation;
            detectorQueue = state.detectorQueue;
            submitBatchStage1 = state.submitBatchStage1;
            mergeDetections = state.mergeDetections;
            stage2Post = state.stage2Post;
            weatherEnrichment = state.weatherEnrichment;
            error = state.error;
        }

        RunState build() {
            return new RunState(inputUri, outputUri, budgetDkk, useSpot, maxImages, maxJobDuration, weatherDaysBack, sessionId,
                    timeZone, deployments, speciesFrom, events, project, mode, maxRuntimeMin, execution, guardBudget, stage0Batches,
                    stage0Exif, costEstimation, detectorQueue, submitBatchStage1, mergeDetections, stage2Post, weatherEnrichment, error);
        }
    }
}
