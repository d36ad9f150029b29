package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

class PathProcessingTest {

    private final Workflows workflows = new Workflows();

    @Test
    void inputPathParametersResultSelectorResultPathAndOutputPathApplyInAwsOrder() {
        ScriptedTasks tasks = ScriptedTasks.of("""
                {"LookUpPrices": [{"result": {"ExecutedVersion": "$LATEST", "Payload": {"prices": [3, 4]}, "StatusCode": 200}}]}""");
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("path-pipeline.asl.json")), tasks).build();

        ExecutionResult result = runner.run("order-1", json("""
                {"order": {"id": "o-1", "customer": "Ada", "items": [{"sku": "a"}, {"sku": "b"}]}, "note": "kept"}"""));

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(tasks.requests()).singleElement().satisfies(request -> assertThat(request.parameters())
                .isEqualTo(json("{\"FunctionName\": \"munin-prices\", \"Payload\": {\"skus\": [\"a\", \"b\"]}}")));
        assertThat(result.output()).isEqualTo(json("""
                {"id": "o-1", "first_sku": "a", "all_skus": ["a", "b"], "execution": "order-1",
                 "customer": {"name": "Ada", "literal": "$.not-a-path"},
                 "list": [{"second_sku": "b"}, 7],
                 "lookup": {"result": {"prices": [3, 4], "status": 200}}}"""));
    }

    @Test
    void theContextObjectDescribesTheExecutionTheStateAndTheStateMachine() {
        workflows.clock.advance(Duration.ofMillis(1234));
        ExecutionResult result = workflows.run("""
                {"StartAt": "Look", "States": {"Look": {"Type": "Pass", "Parameters": {"context.$": "$$"}, "End": true}}}""",
                "{\"photos\": 3}");

        assertThat(result.output().get("context")).isEqualTo(json("""
                {"Execution": {"Id": "arn:aws:states:eu-north-1:000000000000:execution:munin-test:test-run",
                               "Name": "test-run", "StartTime": "2024-05-01T10:00:01.234Z", "Input": {"photos": 3}},
                 "State": {"EnteredTime": "2024-05-01T10:00:01.234Z", "Name": "Look", "RetryCount": 0},
                 "StateMachine": {"Id": "arn:aws:states:eu-north-1:000000000000:stateMachine:munin-test", "Name": "munin-test"}}"""));
        assertThat(result.executionId()).isEqualTo("arn:aws:states:eu-north-1:000000000000:execution:munin-test:test-run");
    }

    @Test
    void resultPathCreatesMissingObjectsAndKeepsTheRestOfTheInput() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "Put", "States": {"Put": {"Type": "Pass", "Result": 42, "ResultPath": "$.a['b c'].d", "End": true}}}""",
                "{\"a\": {\"x\": 1}, \"y\": 2}");

        assertThat(result.output()).isEqualTo(json("{\"a\": {\"x\": 1, \"b c\": {\"d\": 42}}, \"y\": 2}"));
    }

    @Test
    void nullInputPathAndOutputPathPassAnEmptyObject() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "InputPath": null, "ResultPath": "$.seen", "Next": "B"},
                  "B": {"Type": "Pass", "OutputPath": null, "End": true}}}""", "{\"x\": 1}");

        assertThat(result.history()).extracting(HistoryEntry::outcome).containsExactly("succeeded", "succeeded");
        assertThat(result.output()).isEqualTo(Json.object());
    }

    @Test
    void aResultPathIntoAnInputThatIsNotAnObjectFailsWithResultPathMatchFailure() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "Put", "States": {"Put": {"Type": "Pass", "Result": 1, "ResultPath": "$.x", "End": true}}}""",
                "[1, 2]");

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.ResultPathMatchFailure");
        assertThat(result.cause()).contains("$.x");
    }

    @ParameterizedTest(name = "{0} that selects nothing")
    @CsvSource(delimiter = '|', value = {
            "InputPath | \"InputPath\": \"$.missing\"",
            "a Parameters path | \"Parameters\": {\"x.$\": \"$.missing\"}",
            "an array index past the end | \"Parameters\": {\"x.$\": \"$.list[5]\"}",
            "a context path | \"Parameters\": {\"x.$\": \"$$.Execution.Missing\"}",
            "OutputPath | \"OutputPath\": \"$.missing\"",
    })
    void aPathThatSelectsNothingIsStatesRuntimeWhichNoCatcherCatches(String what, String fields) {
        ScriptedTasks tasks = ScriptedTasks.of("{\"Call\": [{\"result\": {}}]}");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", %s,
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Succeed"}}}""".formatted(fields));

        ExecutionResult result = workflows.runner(machine, tasks).build().run("run", json("{\"list\": [1]}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$");
        assertThat(Workflows.statesEntered(result)).containsExactly("Call");
    }

    @Test
    void aParametersPathFailureNamesThePathAndTheField() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"budget.$": "$.budget_dkk"}, "End": true}}}""",
                "{\"photos\": 3}");

        assertThat(result.cause()).contains("'$.budget_dkk'").contains("'budget.$'").contains("{\"photos\":3}");
    }

    @Test
    void jsonNullIsPresentAndIsPassedOn() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"v.$": "$.value"}, "End": true}}}""",
                "{\"value\": null}");

        JsonNode output = result.output();
        assertThat(output.has("v")).isTrue();
        assertThat(output.get("v").isNull()).isTrue();
    }
}
