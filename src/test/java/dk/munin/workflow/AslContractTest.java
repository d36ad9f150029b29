package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.state.Json;
import dk.munin.state.Stage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** pipeline.asl.json and the code name the same things: functions, errors, the container's variables. */
class AslContractTest {

    private static final Path DEFINITION = Path.of("cloudformation", "statemachine", "pipeline.asl.json");

    @Test
    void everyLambdaStageHasItsFunctionInTheDefinitionAndNothingElseDoes() throws Exception {
        Set<String> named = new TreeSet<>();
        Matcher placeholder = Pattern.compile("\\$\\{(\\w+FunctionArn)}").matcher(Files.readString(DEFINITION));
        while (placeholder.find()) {
            named.add(placeholder.group(1));
        }

        assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.stream(Stage.values()).filter(Stage::isLambda)
                .map(Stage::functionArnVariable).collect(Collectors.toSet()));
    }

    @Test
    void everyMuninErrorTheDefinitionCatchesOrRetriesIsAClassOfTheApp() throws Exception {
        List<String> errors = new ArrayList<>();
        collect(Json.parse(Files.readAllBytes(DEFINITION)), "ErrorEquals", errors);

        for (String error : errors.stream().filter(name -> name.startsWith("dk.munin.")).distinct().toList()) {
            assertThat(Class.forName(error)).as(error).isAssignableTo(RuntimeException.class);
        }
        assertThat(errors).contains("dk.munin.state.InvalidState", "dk.munin.manifest.InvalidManifest");
    }

    /**
     * The seed's rule for Lambda tasks: a time limit on each, a timeout retried with backoff, and
     * only what Lambda and S3 raise when they are briefly unavailable retried: a business error
     * (an over-budget run, a refused manifest) would give the same answer every time.
     */
    @Test
    void everyLambdaTaskHasATimeoutAndRetriesTimeoutsAndThrottlingButNoBusinessError() throws Exception {
        List<String> lambdaTasks = new ArrayList<>();
        withNestedStates(Json.parse(Files.readAllBytes(DEFINITION)).get("States")).forEach(state -> {
            if (!"arn:aws:states:::lambda:invoke".equals(state.getValue().path("Resource").asText())) {
                return;
            }
            lambdaTasks.add(state.getKey());
            JsonNode task = state.getValue();
            List<String> retried = new ArrayList<>();
            task.path("Retry").forEach(retrier -> {
                assertThat(retrier.path("BackoffRate").asDouble()).as("%s: BackoffRate", state.getKey()).isGreaterThanOrEqualTo(2);
                retrier.path("ErrorEquals").forEach(error -> retried.add(error.asText()));
            });

            assertThat(task.path("TimeoutSeconds").asInt()).as("%s: TimeoutSeconds", state.getKey()).isPositive();
            assertThat(retried).as("%s: retried errors", state.getKey())
                    .contains("Sandbox.Timedout", "States.Timeout", "Lambda.TooManyRequestsException", "Lambda.ServiceException")
                    .doesNotContain("States.ALL", "States.TaskFailed")
                    .allSatisfy(error -> assertThat(error.startsWith("dk.munin.") && !error.endsWith(".StorageUnavailable"))
                            .as("%s retries the business error %s", state.getKey(), error).isFalse());
        });
        // each Lambda stage's own state, and only states of Lambda stages (a Map's batches included)
        assertThat(lambdaTasks.stream().map(task -> Stage.ofTaskState(task).filter(Stage::isLambda)).toList())
                .allSatisfy(stage -> assertThat(stage).isPresent());
        assertThat(lambdaTasks).containsAll(Arrays.stream(Stage.values()).filter(Stage::isLambda).map(Stage::stateName).toList());
    }

    @Test
    void theDetectorJobsEnvironmentIsTheContainersSettings() throws Exception {
        List<String> names = new ArrayList<>();
        collect(Json.parse(Files.readAllBytes(DEFINITION)), "Environment", names);
        Set<String> variables = ContainerSettings.KEYS.stream().map(ContainerSettings::variable).collect(Collectors.toSet());

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(variables).contains(name));
    }

    /** The states, with those of each Map's ItemProcessor after them. */
    private static List<Map.Entry<String, JsonNode>> withNestedStates(JsonNode states) {
        List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
        states.fields().forEachRemaining(state -> {
            all.add(state);
            JsonNode inner = state.getValue().path("ItemProcessor").path("States");
            if (inner.isObject()) {
                all.addAll(withNestedStates(inner));
            }
        });
        return all;
    }

    /** Every value (or, for an array of objects, every "Name") under a field of that name, anywhere. */
    private static void collect(JsonNode node, String field, List<String> into) {
        node.fields().forEachRemaining(entry -> {
            if (entry.getKey().equals(field)) {
                for (JsonNode item : entry.getValue()) {
                    into.add(item.isObject() ? item.path("Name").asText() : item.asText());
                }
            }
            collect(entry.getValue(), field, into);
        });
        if (node.isArray()) {
            node.forEach(item -> collect(item, field, into));
        }
    }
}
