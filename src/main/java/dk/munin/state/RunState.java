package dk.munin.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The workflow state every stage receives and returns: the manifest (the seed's Input Format)
 * grown by each stage. It carries URIs, never data, because Step Functions payloads are
 * limited to 256 KB. Field names live here and nowhere else.
 */
public final class RunState {

    // The manifest: what a researcher writes.
    public static final String INPUT_URI = "input_uri";
    public static final String OUTPUT_URI = "output_uri";
    public static final String BUDGET_DKK = "budget_dkk";
    public static final String USE_SPOT = "use_spot";
    public static final String MAX_IMAGES = "max_images";
    public static final String MAX_JOB_DURATION = "max_job_duration";
    public static final String WEATHER_DAYS_BACK = "weather_days_back";
    public static final String SESSION_ID = "session_id";

    // Added by the workflow and the stages.
    public static final String EXECUTION = "execution";
    public static final String WORK_URI = "work_uri";
    public static final String BUDGET = "budget";
    public static final String STAGE0_OUTPUT_URI = "stage0_output_uri";
    public static final String STAGE0 = "stage0";
    public static final String COST_ESTIMATE = "cost_estimate";
    public static final String STAGE1_OUTPUT_URI = "stage1_output_uri";
    /** How many shards (AWS Batch array children) the detection job runs; 1 is a single job. */
    public static final String STAGE1_SHARDS = "stage1_shards";
    public static final String STAGE1 = "stage1";
    public static final String STAGE1_JOB = "stage1_job";
    public static final String STAGE2_OUTPUT_URI = "stage2_output_uri";
    public static final String STAGE2 = "stage2";
    public static final String WEATHER_URI = "weather_uri";
    public static final String WEATHER = "weather";

    private final ObjectNode node;

    private RunState(ObjectNode node) {
        this.node = node;
    }

    /** Wraps a copy of the incoming state, so a stage never mutates its caller's object. */
    public static RunState of(JsonNode state) {
        if (state == null || !state.isObject()) {
            throw new IllegalArgumentException("The workflow state must be a JSON object, got: " + state);
        }
        return new RunState(((ObjectNode) state).deepCopy());
    }

    public ObjectNode json() {
        return node;
    }

    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("The workflow state has no '" + field + "'; did an earlier stage run?");
        }
        return value.asText();
    }

    public String inputUri() {
        return text(INPUT_URI);
    }

    public String outputUri() {
        return text(OUTPUT_URI);
    }

    public String sessionId() {
        return text(SESSION_ID);
    }

    public String workUri() {
        return text(WORK_URI);
    }

    public double budgetDkk() {
        return node.path(BUDGET_DKK).asDouble();
    }

    public boolean useSpot() {
        return node.path(USE_SPOT).asBoolean(true);
    }

    public int maxImages() {
        return node.path(MAX_IMAGES).asInt();
    }

    public int maxJobDurationSeconds() {
        return node.path(MAX_JOB_DURATION).asInt();
    }

    public JsonNode get(String field) {
        return node.path(field);
    }

    public RunState put(String field, JsonNode value) {
        node.set(field, value);
        return this;
    }

    public RunState put(String field, String value) {
        node.put(field, value);
        return this;
    }
}
