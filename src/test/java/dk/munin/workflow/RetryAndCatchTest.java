package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

class RetryAndCatchTest {

    private final Workflows workflows = new Workflows();

    private ExecutionResult runFlaky(String outcomes) {
        ScriptedTasks tasks = ScriptedTasks.of("{\"CallFlakyService\": " + outcomes + "}");
        AslRunner runner = workflows.runner(Workflows.machine(Workflows.document("retry-catch.asl.json")), tasks).build();
        return runner.run("flaky", json("{\"photos\": 3}"));
    }

    @Test
    void aRetriedErrorWaitsIntervalTimesBackoffBeforeEachRetry() {
        ExecutionResult result = runFlaky("""
                [{"error": "Transient", "cause": "down"}, {"error": "Transient", "cause": "down"}, {"echoLambda": {"ok": true}}]""");

        assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("{\"photos\": 3, \"ok\": true}"));
        assertThat(workflows.sleeper.pauses()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(result.history().get(0)).satisfies(entry -> {
            assertThat(entry.attempts()).isEqualTo(3);
            assertThat(entry.outcome()).isEqualTo("succeeded");
            assertThat(entry.exited()).isEqualTo(Workflows.START.plusSeconds(6));
        });
    }

    @Test
    void afterMaxAttemptsRetriesTheErrorGoesToTheCatchers() {
        ExecutionResult result = runFlaky("[{\"error\": \"Transient\", \"cause\": \"still down\"}]");

        assertThat(workflows.sleeper.pauses()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(Workflows.statesEntered(result)).containsExactly("CallFlakyService", "GiveUp");
        assertThat(result.history().get(0)).satisfies(entry -> {
            assertThat(entry.attempts()).isEqualTo(4);
            assertThat(entry.outcome()).isEqualTo("caught");
            assertThat(entry.error()).isEqualTo("Transient");
        });
        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("Transient");
        assertThat(result.cause()).isEqualTo("still down");
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        runFlaky("[{\"error\": \"Throttled\", \"cause\": \"slow down\"}]");

        // 1, 3, 9 -> 5, 27 -> 5, 81 -> 5
        assertThat(workflows.sleeper.pauses()).extracting(Duration::toSeconds).containsExactly(1L, 3L, 5L, 5L, 5L);
    }

    @Test
    void eachRetrierCountsItsOwnAttempts() {
        ExecutionResult result = runFlaky("""
                [{"error": "Transient", "cause": ""}, {"error": "Throttled", "cause": ""}, {"error": "Transient", "cause": ""},
                 {"error": "Throttled", "cause": ""}, {"echoLambda": {}}]""");

        assertThat(result.succeeded()).isTrue();
        assertThat(workflows.sleeper.pauses()).extracting(Duration::toSeconds).containsExactly(2L, 1L, 4L, 3L);
    }

    @Test
    void aRetrierWithMaxAttemptsZeroNeverRetriesAndACatcherPutsTheErrorAtItsResultPath() {
        ExecutionResult result = runFlaky("[{\"error\": \"Business\", \"cause\": \"over budget\"}]");

        assertThat(workflows.sleeper.pauses()).isEmpty();
        assertThat(Workflows.statesEntered(result)).containsExactly("CallFlakyService", "Recover");
        assertThat(result.output()).isEqualTo(json("{\"photos\": 3, \"error\": {\"Error\": \"Business\", \"Cause\": \"over budget\"}}"));
    }

    @Test
    void statesTaskFailedDoesNotCatchStatesTimeout() {
        ExecutionResult result = runFlaky("[{\"error\": \"States.Timeout\", \"cause\": \"too slow\"}]");

        assertThat(Workflows.statesEntered(result)).containsExactly("CallFlakyService");
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.history().get(0).outcome()).isEqualTo("failed");
    }

    @Test
    void statesAllRetriesAnyErrorAndTheCatcherDefaultResultPathReplacesTheInput() {
        ScriptedTasks tasks = ScriptedTasks.of("{\"Call\": [{\"error\": \"Anything\", \"cause\": \"c\"}]}");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Retry": [{"ErrorEquals": ["States.ALL"]}],
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""");

        ExecutionResult result = workflows.runner(machine, tasks).build().run("all", json("{\"x\": 1}"));

        // Defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0
        assertThat(workflows.sleeper.pauses()).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L);
        assertThat(result.output()).isEqualTo(json("{\"Error\": \"Anything\", \"Cause\": \"c\"}"));
    }

    @Test
    void aCatcherWithResultPathNullKeepsTheInput() {
        ScriptedTasks tasks = ScriptedTasks.of("{\"Call\": [{\"error\": \"E\", \"cause\": \"c\"}]}");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Catch": [{"ErrorEquals": ["E"], "ResultPath": null, "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""");

        ExecutionResult result = workflows.runner(machine, tasks).build().run("keep", json("{\"x\": 1}"));

        assertThat(result.output()).isEqualTo(json("{\"x\": 1}"));
    }

    @Test
    void theContextRetryCountGrowsWithEachRetry() {
        ScriptedTasks tasks = ScriptedTasks.of("""
                {"Call": [{"error": "E", "cause": ""}, {"error": "E", "cause": ""}, {"result": "done"}]}""");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"retry.$": "$$.State.RetryCount", "entered.$": "$$.State.EnteredTime"},
                           "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10}], "End": true}}}""");

        ExecutionResult result = workflows.runner(machine, tasks).build().run("count", json("{}"));

        assertThat(result.output().asText()).isEqualTo("done");
        List<JsonNode> parameters = tasks.requests().stream().map(TaskRequest::parameters).toList();
        assertThat(parameters).extracting(p -> p.get("retry").asInt()).containsExactly(0, 1, 2);
        assertThat(parameters).extracting(p -> p.get("entered").asText()).containsOnly("2024-05-01T10:00:00.000Z");
    }

    @Test
    void statesRuntimeIsNeverRetriedNorCaught() {
        ScriptedTasks tasks = ScriptedTasks.of("{\"Call\": [{\"result\": {}}]}");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"x.$": "$.missing"},
                           "Retry": [{"ErrorEquals": ["States.Runtime"]}],
                           "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""");

        ExecutionResult result = workflows.runner(machine, tasks).build().run("runtime", json("{}"));

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(workflows.sleeper.pauses()).isEmpty();
        assertThat(tasks.requests()).isEmpty();
    }

    @Test
    void aTaskResultOverThePayloadLimitIsDataLimitExceededWhichStatesAllDoesNotCatch() {
        ScriptedTasks tasks = ScriptedTasks.of("{\"Call\": [{\"result\": {\"data\": \"" + "x".repeat(200) + "\"}}]}");
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""");

        ExecutionResult result = workflows.runner(machine, tasks).payloadLimitBytes(100).build().run("big", json("{}"));

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.cause()).contains("pass URIs, not data");
        assertThat(Workflows.statesEntered(result)).containsExactly("Call");
    }

    @Test
    void aTaskOverItsTimeLimitFailsWithStatesTimeout() {
        TaskBinding slow = request -> {
            Thread.sleep(Duration.ofMinutes(1).toMillis());
            return json("{}");
        };
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.limit",
                           "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "Handled"}], "End": true},
                  "Handled": {"Type": "Succeed"}}}""");

        ExecutionResult result = workflows.runner(machine, slow).build().run("slow", json("{\"limit\": 1}"));

        assertThat(Workflows.statesEntered(result)).containsExactly("Call", "Handled");
        assertThat(result.output().at("/error/Error").asText()).isEqualTo("States.Timeout");
    }
}
