package dk.munin.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's stages, each under the one name its ASL state has: the route id, route file,
 * Lambda function suffix and bean are derived from it, so they cannot drift apart
 * ({@code Stage0Exif}: route and file {@code stage0-exif}, function {@code munin-stage0-exif},
 * bean {@code stage0Exif}, ASL substitution {@code ${Stage0ExifFunctionArn}}). The order is
 * not the workflow's: pipeline.asl.json alone orders the stages.
 */
public enum Stage {

    GUARD_BUDGET("GuardBudget"),
    /** Also the Distributed Map's ReadPhotoBatch (one batch) and MergePhotoBatches (their join): docs/scale.md. */
    STAGE0_EXIF("Stage0Exif", "ReadPhotoBatch", "MergePhotoBatches"),
    COST_ESTIMATION("CostEstimation"),
    /** An AWS Batch job, not a Lambda function; locally its route runs the detection job. Also serves SubmitBatchStage1Array. */
    SUBMIT_BATCH_STAGE1("SubmitBatchStage1", "SubmitBatchStage1Array"),
    MERGE_DETECTIONS("MergeDetections"),
    STAGE2_POST("Stage2Post"),
    WEATHER_ENRICHMENT("WeatherEnrichment"),
    WRITE_PARQUET("WriteParquet");

    private static final String FUNCTION_ARN_SUFFIX = "FunctionArn";

    private final String stateName;
    private final List<String> taskStates;

    Stage(String stateName, String... otherTaskStates) {
        this.stateName = stateName;
        List<String> states = new ArrayList<>(List.of(stateName));
        states.addAll(List.of(otherTaskStates));
        this.taskStates = List.copyOf(states);
    }

    /** The ASL state's name, e.g. {@code Stage0Exif}. */
    public String stateName() {
        return stateName;
    }

    /** The ASL Task states that run this stage's route (or function): its own and any other entry to it. */
    public List<String> taskStates() {
        return taskStates;
    }

    /** The stage an ASL Task state runs, e.g. Stage0Exif for MergePhotoBatches. */
    public static Optional<Stage> ofTaskState(String state) {
        return Arrays.stream(values()).filter(stage -> stage.taskStates.contains(state)).findFirst();
    }

    /** The kebab-case route id, route file name and Lambda function suffix, e.g. {@code stage0-exif}. */
    public String routeId() {
        return kebabCase(stateName);
    }

    /** The bean the route calls, e.g. {@code stage0Exif}. */
    public String beanName() {
        return Character.toLowerCase(stateName.charAt(0)) + stateName.substring(1);
    }

    /** Whether it runs as a Lambda function (every stage but the Batch job). */
    public boolean isLambda() {
        return this != SUBMIT_BATCH_STAGE1;
    }

    /** The DefinitionSubstitutions variable of its function's ARN, e.g. {@code Stage0ExifFunctionArn}. */
    public String functionArnVariable() {
        return stateName + FUNCTION_ARN_SUFFIX;
    }

    /** The stage whose function a substitution variable such as {@code GuardBudgetFunctionArn} names. */
    public static Optional<Stage> ofFunctionArnVariable(String variable) {
        return Arrays.stream(values()).filter(stage -> stage.isLambda() && stage.functionArnVariable().equals(variable)).findFirst();
    }

    public static Optional<Stage> ofRouteId(String routeId) {
        return Arrays.stream(values()).filter(stage -> stage.routeId().equals(routeId)).findFirst();
    }

    /**
     * GuardBudget becomes guard-budget: a '-' before each capital that follows a small letter or
     * a digit, so Stage0Exif becomes stage0-exif.
     */
    public static String kebabCase(String name) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1))) {
                id.append('-');
            }
            id.append(Character.toLowerCase(c));
        }
        return id.toString();
    }
}
