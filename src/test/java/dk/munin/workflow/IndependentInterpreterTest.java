package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.state.Json;
import dk.munin.testing.TestBudgets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the embedded runner to the answers of aws-local-stepfunctions, an independent ASL
 * interpreter, on the test documents and on the real workflow, with the same task results on
 * both sides; and checks every definition with asl-validator. Causes the interpreters write
 * themselves (for States.* errors) are worded differently by each and are not compared.
 *
 * <p>aws-local-stepfunctions runs everything in one Node process before the tests compare.
 */
@ExtendWith(LocalStepFunctions.Installed.class)
class IndependentInterpreterTest {

    private static final String EXECUTION = "cross-check";
    private static final String OVER_BUDGET = TestBudgets.overBudget(30000, 10).getMessage();
    private static final String REAL_WORKFLOW = "the real workflow";
    private static final String REAL_WORKFLOW_OVER_BUDGET = "the real workflow, over budget";
    private static final String REAL_WORKFLOW_SHARDED = "the real workflow, 3 shards";
    private static final String REAL_WORKFLOW_ON_DEMAND = "the real workflow, use_spot false";
    private static final String REAL_WORKFLOW_TIMED_OUT_ONCE = "the real workflow, Stage0Exif's function timing out once";
    private static final String REAL_WORKFLOW_TIMED_OUT_TWICE = "the real workflow, Stage0Exif's function timing out twice";
    private static final String REAL_WORKFLOW_THROTTLED = "the real workflow, GuardBudget throttled four times";
    private static final int STAGE0_FUNCTION_TIMEOUT = 900;

    @TempDir
    static Path temp;
    private static Path substitutedPipeline;
    private static final Map<String, JsonNode> independentAnswers = new LinkedHashMap<>();

    @BeforeAll
    static void runEverythingOnTheIndependentInterpreter() throws Exception {
        String executionId = AslRunner.builder(Workflows.machine("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}"),
                Workflows.STATE_MACHINE_ARN).build().executionId(EXECUTION);
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        for (JsonNode testCase : cases().map(arguments -> (JsonNode) arguments.get()[1]).toList()) {
            runs.put(testCase.get("name").asText(), run(resource(testCase.get("definition").asText()),
                    testCase.get("input"), testCase.path("tasks"), executionId, EXECUTION));
        }
        try (PipelineFixture pipeline = new PipelineFixture()) {
            substitutedPipeline = Files.writeString(temp.resolve("pipeline.substituted.asl.json"),
                    DefinitionSubstitutions.apply(pipeline.definitionText, pipeline.substitutions));
            String pipelineExecutionId = pipeline.runner(pipeline.machine(pipeline.definitionText)).executionId("s1");
            runs.put(REAL_WORKFLOW, run(substitutedPipeline, PipelineFixture.manifest(), echoingStages(pipeline), pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_OVER_BUDGET, run(substitutedPipeline, PipelineFixture.manifest(), overBudget(), pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_SHARDED, run(substitutedPipeline, PipelineFixture.manifest(3), echoingStages(pipeline), pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_ON_DEMAND, run(substitutedPipeline, PipelineFixture.manifest(1, false), echoingStages(pipeline),
                    pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_TIMED_OUT_ONCE, run(substitutedPipeline, PipelineFixture.manifest(),
                    failingFirst(echoingStages(pipeline), "Stage0Exif", 1, PipelineFixture.functionTimedOut(STAGE0_FUNCTION_TIMEOUT)),
                    pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_TIMED_OUT_TWICE, run(substitutedPipeline, PipelineFixture.manifest(),
                    failingFirst(echoingStages(pipeline), "Stage0Exif", 2, PipelineFixture.functionTimedOut(STAGE0_FUNCTION_TIMEOUT)),
                    pipelineExecutionId, "s1"));
            runs.put(REAL_WORKFLOW_THROTTLED, run(substitutedPipeline, PipelineFixture.manifest(),
                    failingFirst(echoingStages(pipeline), "GuardBudget", 4, throttledFailure()), pipelineExecutionId, "s1"));
        }
        List<JsonNode> answers = LocalStepFunctions.run(List.copyOf(runs.values()));
        List<String> names = List.copyOf(runs.keySet());
        for (int i = 0; i < names.size(); i++) {
            independentAnswers.put(names.get(i), answers.get(i));
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> arguments = new ArrayList<>();
        Json.parse(Workflows.document("cross-check.json")).forEach(c -> arguments.add(Arguments.of(c.get("name").asText(), c)));
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothInterpretersGiveTheSameAnswer(String name, JsonNode testCase) {
        Workflows workflows = new Workflows();
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document(testCase.get("definition").asText())),
                new ScriptedTasks(testCase.path("tasks"))).build();

        ExecutionResult embedded = runner.run(EXECUTION, testCase.get("input"));

        assertSameAnswer(embedded, independentAnswers.get(name));
    }

    @Test
    void bothInterpretersRunTheRealWorkflowTheSameWay() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

            assertThat(embedded.succeeded()).isTrue();
            assertSameAnswer(withoutStartTime(embedded), withoutStartTime(independentAnswers.get(REAL_WORKFLOW)));
        }
    }

    @Test
    void bothInterpretersRunAShardedRunThroughTheArrayJob() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest(3));

            assertThat(Workflows.statesEntered(embedded)).contains("SubmitBatchStage1Array", "MergeDetections");
            assertSameAnswer(withoutStartTime(embedded), withoutStartTime(independentAnswers.get(REAL_WORKFLOW_SHARDED)));
        }
    }

    @Test
    void bothInterpretersEndAnOverBudgetRunAtFailBudget() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            pipeline.replacedStubs.put("guard-budget", e -> {
                throw TestBudgets.overBudget(30000, 10);
            });

            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

            assertThat(embedded.error()).isEqualTo("BudgetExceeded");
            assertSameAnswer(embedded, independentAnswers.get(REAL_WORKFLOW_OVER_BUDGET));
        }
    }

    @Test
    void bothInterpretersSubmitToTheOnDemandQueueWhenUseSpotIsFalse() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest(1, false));

            assertThat(Workflows.statesEntered(embedded)).containsSubsequence("ChooseJobQueue", "UseOnDemandQueue", "SubmitBatchStage1")
                    .doesNotContain("UseSpotQueue");
            assertThat(pipeline.batchRequests).singleElement().extracting(request -> request.get("JobQueue").asText())
                    .isEqualTo(pipeline.settings.getProperty("munin.workflow.local-on-demand-job-queue-arn"));
            assertSameAnswer(withoutStartTime(embedded), withoutStartTime(independentAnswers.get(REAL_WORKFLOW_ON_DEMAND)));
        }
    }

    @Test
    void bothInterpretersRetryAStageWhoseFunctionTimedOut() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            pipeline.lambdaServiceErrors.put("Stage0Exif", new ArrayDeque<>(List.of(PipelineFixture.functionTimedOut(STAGE0_FUNCTION_TIMEOUT))));

            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

            assertThat(embedded.succeeded()).as("%s: %s", embedded.error(), embedded.cause()).isTrue();
            assertThat(embedded.history()).filteredOn(entry -> entry.state().equals("Stage0Exif"))
                    .singleElement().extracting(HistoryEntry::attempts).isEqualTo(2);
            assertThat(pipeline.workflows.sleeper.pauses()).containsExactly(Duration.ofSeconds(5));
            assertSameAnswer(withoutStartTime(embedded), withoutStartTime(independentAnswers.get(REAL_WORKFLOW_TIMED_OUT_ONCE)));
        }
    }

    @Test
    void bothInterpretersFailTheRunWhenTheFunctionTimesOutAgain() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            TaskFailure timeout = PipelineFixture.functionTimedOut(STAGE0_FUNCTION_TIMEOUT);
            pipeline.lambdaServiceErrors.put("Stage0Exif", new ArrayDeque<>(List.of(timeout, timeout)));

            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

            assertThat(embedded.error()).isEqualTo("Sandbox.Timedout");
            assertThat(embedded.cause()).contains("Task timed out after 900.00 seconds");
            assertSameAnswer(embedded, independentAnswers.get(REAL_WORKFLOW_TIMED_OUT_TWICE));
        }
    }

    @Test
    void bothInterpretersRetryThrottlingWithExponentialBackoff() throws Exception {
        try (PipelineFixture pipeline = new PipelineFixture()) {
            pipeline.lambdaServiceErrors.put("GuardBudget", new ArrayDeque<>(Collections.nCopies(4, throttledFailure())));

            ExecutionResult embedded = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

            assertThat(embedded.succeeded()).as("%s: %s", embedded.error(), embedded.cause()).isTrue();
            assertThat(pipeline.workflows.sleeper.pauses())
                    .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
            assertSameAnswer(withoutStartTime(embedded), withoutStartTime(independentAnswers.get(REAL_WORKFLOW_THROTTLED)));
        }
    }

    @Test
    void aslValidatorAcceptsTheRealWorkflowAndEveryTestDocument() throws Exception {
        List<Path> definitions = new ArrayList<>(List.of(PipelineFixture.DEFINITION, substitutedPipeline));
        try (Stream<Path> documents = Files.list(resource("path-pipeline.asl.json").getParent())) {
            documents.filter(p -> p.getFileName().toString().endsWith(".asl.json")).sorted().forEach(definitions::add);
        }

        LocalStepFunctions.Finished validation = LocalStepFunctions.validate(definitions);

        assertThat(validation.exitCode()).as(validation.output()).isZero();
        for (Path definition : definitions) {
            assertThat(validation.output()).contains("\u2713 State machine definition \"" + definition.toAbsolutePath() + "\" is valid");
        }
    }

    @Test
    void aslValidatorRejectsADefinitionWithAMissingTransitionTarget() throws IOException {
        Path broken = Files.writeString(temp.resolve("broken.asl.json"),
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Gone\"}, \"B\": {\"Type\": \"Succeed\"}}}");

        LocalStepFunctions.Finished validation = LocalStepFunctions.validate(List.of(broken));

        assertThat(validation.exitCode()).isNotZero();
        assertThat(validation.output()).contains("Gone");
    }

    /** Each Lambda stage echoes the state with a marker, as PipelineFixture's stub routes do. */
    private static JsonNode echoingStages(PipelineFixture pipeline) {
        ObjectNode tasks = Json.object();
        pipeline.lambdaStates().forEach((state, routeId) -> tasks.putArray(state).addObject().putObject("echoLambda").put(routeId, true));
        tasks.putArray("SubmitBatchStage1").addObject().set("result", PipelineFixture.jobDescription("munin-detector-s1"));
        tasks.putArray("SubmitBatchStage1Array").addObject().set("result", PipelineFixture.jobDescription("munin-detector-s1"));
        return tasks;
    }

    /** The given state's first attempts fail with the failure, as a Lambda service error (not the route) raises it. */
    private static JsonNode failingFirst(JsonNode tasks, String state, int attempts, TaskFailure failure) {
        ObjectNode copy = tasks.deepCopy();
        JsonNode success = tasks.get(state).get(0);
        ArrayNode outcomes = copy.putArray(state);
        for (int i = 0; i < attempts; i++) {
            outcomes.addObject().put("error", failure.error()).put("cause", failure.cause());
        }
        outcomes.add(success);
        return copy;
    }

    /** Lambda's 429: the account's or function's concurrency is used up for now. */
    private static TaskFailure throttledFailure() {
        return new TaskFailure("Lambda.TooManyRequestsException",
                "Rate Exceeded. (Service: Lambda, Status Code: 429, Request ID: 5e2b0000-0000-4000-8000-000000000000)");
    }

    /** GuardBudget fails as the Lambda Java runtime reports a thrown BudgetExceeded. */
    private static JsonNode overBudget() {
        ObjectNode lambdaError = Json.object().put("errorMessage", OVER_BUDGET).put("errorType", BudgetExceeded.class.getName());
        lambdaError.putArray("stackTrace");
        ObjectNode tasks = Json.object();
        tasks.putArray("GuardBudget").addObject().put("error", BudgetExceeded.class.getName()).put("cause", Json.write(lambdaError));
        return tasks;
    }

    /** JavaScript has one number type, so the independent interpreter writes 1.0 as 1: numbers compare by value. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
            || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private static void assertSameAnswer(ExecutionResult embedded, JsonNode independent) {
        assertThat(Workflows.statesEntered(embedded)).as("states entered").isEqualTo(texts(independent.get("states")));
        assertThat(embedded.status().name()).as("status").isEqualTo(independent.get("status").asText());
        if (embedded.succeeded()) {
            assertThat(embedded.output().equals(NUMBERS_BY_VALUE, independent.get("output")))
                    .as("output: embedded %s, independent %s", embedded.output(), independent.get("output")).isTrue();
        } else {
            assertThat(embedded.error()).as("error").isEqualTo(independent.get("error").asText());
            if (!embedded.error().startsWith("States.")) {
                assertThat(embedded.cause()).as("cause").isEqualTo(independent.get("cause").asText());
            }
        }
    }

    /** aws-local-stepfunctions always sets $$.Execution.StartTime from its own clock. */
    private static ExecutionResult withoutStartTime(ExecutionResult result) {
        ObjectNode output = result.output().deepCopy();
        assertThat(Timestamps.parse(output.at("/execution/start_time").asText())).isPresent();
        ((ObjectNode) output.get("execution")).remove("start_time");
        return new ExecutionResult(result.executionId(), result.executionName(), result.status(), output,
                result.error(), result.cause(), result.startDate(), result.stopDate(), result.history());
    }

    private static JsonNode withoutStartTime(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        assertThat(Timestamps.parse(copy.at("/output/execution/start_time").asText())).isPresent();
        ((ObjectNode) copy.at("/output/execution")).remove("start_time");
        return copy;
    }

    private static JsonNode run(Path definition, JsonNode input, JsonNode tasks, String executionId, String executionName) {
        ObjectNode run = Json.object().put("definition", definition.toAbsolutePath().toString());
        run.set("input", input);
        run.set("tasks", tasks.isMissingNode() ? Json.object() : tasks);
        run.putObject("context").putObject("Execution").put("Id", executionId).put("Name", executionName);
        return run;
    }

    private static Path resource(String document) throws URISyntaxException {
        return Path.of(IndependentInterpreterTest.class.getResource("/workflow/" + document).toURI());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
