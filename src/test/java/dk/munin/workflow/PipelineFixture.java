package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.testing.TestStates;
import dk.munin.workflow.camel.LambdaRouteBinding;
import dk.munin.workflow.camel.RouteBinding;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real workflow definition with the real local settings, run against stub stage routes in
 * a test CamelContext. Each stub echoes the workflow state and sets a marker field named after
 * its route id; a test may replace a stub's behaviour. The detector route replies with a
 * successful job description.
 */
final class PipelineFixture implements AutoCloseable {

    static final Path DEFINITION = Path.of("cloudformation/statemachine/pipeline.asl.json");
    static final Path SETTINGS = Path.of("application.properties");

    final Properties settings = settings();
    final String definitionText = read(DEFINITION);
    final Map<String, String> substitutions = LocalSubstitutions.of(definitionText,
            settings.getProperty("munin.workflow.local-function-arn"),
            Map.of("DetectorSpotJobQueueArn", settings.getProperty("munin.workflow.local-spot-job-queue-arn"),
                    "DetectorOnDemandJobQueueArn", settings.getProperty("munin.workflow.local-on-demand-job-queue-arn"),
                    "DetectorJobDefinitionArn", settings.getProperty("munin.workflow.local-job-definition-arn")));
    final String functionPrefix = settings.getProperty("munin.workflow.function-prefix");
    final String batchRoute = settings.getProperty("munin.workflow.batch-route");
    final Map<String, Processor> replacedStubs = new HashMap<>();
    /**
     * Errors the Lambda service itself raises before a stage's route runs (a function timeout,
     * throttling), per Task state, one per attempt: they never come from a route, so they are
     * given as the error name and cause Step Functions reports.
     */
    final Map<String, Deque<TaskFailure>> lambdaServiceErrors = new HashMap<>();
    final List<JsonNode> batchRequests = new ArrayList<>();
    final Workflows workflows = new Workflows();
    final ExecutionHistoryRegistry registry = new ExecutionHistoryRegistry();
    private final CamelContext camel = new DefaultCamelContext();

    PipelineFixture() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Failures are the point of several tests; the binding reports them, no need for Camel to log them too.
                errorHandler(noErrorHandler());
                for (String routeId : stageRouteIds()) {
                    from("direct:" + routeId).routeId(routeId).process(e -> {
                        Processor replaced = replacedStubs.get(routeId);
                        if (replaced != null) {
                            replaced.process(e);
                            return;
                        }
                        ObjectNode state = (ObjectNode) Json.parse(e.getMessage().getBody(String.class));
                        e.getMessage().setBody(Json.write(state.put(routeId, true)));
                    });
                }
                from(batchRoute).routeId("detect-stub").process(e -> {
                    JsonNode request = Json.parse(e.getMessage().getBody(String.class));
                    batchRequests.add(request);
                    Processor replaced = replacedStubs.get("detect");
                    if (replaced != null) {
                        replaced.process(e);
                        return;
                    }
                    e.getMessage().setBody(Json.write(jobDescription(request.get("JobName").asText())));
                });
            }
        });
        camel.start();
    }

    /** The route ids the local function ARNs name, e.g. guard-budget for munin-guard-budget. */
    List<String> stageRouteIds() {
        List<String> ids = new ArrayList<>();
        substitutions.forEach((name, arn) -> {
            if (name.endsWith("FunctionArn")) {
                String function = arn.substring(arn.lastIndexOf(':') + 1);
                ids.add(function.substring(functionPrefix.length()));
            }
        });
        return ids;
    }

    static ObjectNode jobDescription(String jobName) {
        return (ObjectNode) Json.parse("{\"JobId\": \"job-0001\", \"JobName\": \"" + jobName + "\", \"Status\": \"SUCCEEDED\"}");
    }

    /** A manifest as the stub stages need it: every field the definition's paths read is already there. */
    static JsonNode manifest() {
        return manifest(1);
    }

    /** The same, with cost_estimation.shards as CostEstimation would have set it. */
    static JsonNode manifest(int shards) {
        return manifest(shards, true);
    }

    /** The same, with use_spot as GuardBudget would have completed it. */
    static JsonNode manifest(int shards, boolean useSpot) {
        return Json.parse("""
                {"session_id": "s1", "input_uri": "file:/photos", "output_uri": "file:/out", "budget_dkk": 100, "use_spot": %s,
                 "max_job_duration": 3600, "guard_budget": %s, "stage0_exif": %s, "cost_estimation": %s}""".formatted(useSpot,
                Json.write(TestStates.guardBudget("file:/out/_work/s1/")), Json.write(TestStates.stage0Exif("file:/out/stage0/images.jsonl", 3)), Json.write(TestStates.costEstimation("file:/out/stage1/", shards))));
    }

    StateMachine machine(String definition) {
        return StateMachine.parse(definition, substitutions);
    }

    AslRunner runner(StateMachine machine) {
        return AslRunner.builder(machine, "arn:aws:states:eu-north-1:000000000000:stateMachine:munin")
                .binding(LambdaRouteBinding.RESOURCE, withLambdaServiceErrors(new LambdaRouteBinding(camel.createProducerTemplate(), functionPrefix)))
                .binding(RouteBinding.BATCH_SUBMIT_JOB_SYNC, new RouteBinding(camel.createProducerTemplate(), batchRoute))
                .clock(workflows.clock).sleeper(workflows.sleeper).history(registry)
                // these stub stages read no photos in batches (guard_budget.photo_batches.distributed is false)
                .itemSource((bucket, prefix) -> {
                    throw new AssertionError("ReadPhotoBatches listed " + bucket + "/" + prefix);
                })
                .resultTarget((bucket, key, content) -> {
                    throw new AssertionError("ReadPhotoBatches wrote " + bucket + "/" + key);
                })
                .build();
    }

    private TaskBinding withLambdaServiceErrors(TaskBinding routes) {
        return new TaskBinding() {
            @Override
            public void checkParameters(String state, JsonNode parameters) {
                routes.checkParameters(state, parameters);
            }

            @Override
            public JsonNode invoke(TaskRequest request) throws TaskFailure, InterruptedException {
                TaskFailure failure = lambdaServiceErrors.getOrDefault(request.state(), new ArrayDeque<>()).poll();
                if (failure != null) {
                    throw failure;
                }
                return routes.invoke(request);
            }
        };
    }

    /** The error Step Functions reports for a Lambda function that ran out of time: Sandbox.Timedout, with Lambda's error JSON. */
    static TaskFailure functionTimedOut(int seconds) {
        ObjectNode cause = Json.object().put("errorType", "Sandbox.Timedout")
                .put("errorMessage", "RequestId: 6f1b3c2e-0000-4000-8000-000000000000 Error: Task timed out after %d.00 seconds".formatted(seconds));
        return new TaskFailure("Sandbox.Timedout", Json.write(cause));
    }

    /**
     * The states a run without errors goes through, read from the definition by following StartAt
     * and Next, and a Choice's Default: the path of a run whose detection is one job.
     */
    static List<String> happyPath(JsonNode definition) {
        List<String> path = new ArrayList<>();
        String state = definition.get("StartAt").asText();
        while (state != null) {
            path.add(state);
            JsonNode next = definition.get("States").get(state).get("Next");
            if (next == null) {
                next = definition.get("States").get(state).get("Default");
            }
            state = next == null ? null : next.asText();
        }
        return path;
    }

    /** The Lambda Task state names with their stub route ids, as the definition names the functions. */
    Map<String, String> lambdaStates() {
        JsonNode definition = Json.parse(DefinitionSubstitutions.apply(definitionText, substitutions));
        Map<String, String> states = new LinkedHashMap<>();
        definition.get("States").fields().forEachRemaining(state -> {
            if (LambdaRouteBinding.RESOURCE.equals(state.getValue().path("Resource").asText())) {
                String function = state.getValue().at("/Parameters/FunctionName").asText();
                states.put(state.getKey(), function.substring(function.lastIndexOf(':') + 1 + functionPrefix.length()));
            }
        });
        return states;
    }

    @Override
    public void close() {
        camel.stop();
    }

    private static Properties settings() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(SETTINGS, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
