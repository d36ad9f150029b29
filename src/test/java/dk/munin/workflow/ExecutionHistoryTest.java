package dk.munin.workflow;

import dk.munin.clock.Sleeper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionHistoryTest {

    private static final String TWO_TASKS = """
            {"StartAt": "First", "States": {
              "First": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 3}], "Next": "Second"},
              "Second": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""";

    private final Workflows workflows = new Workflows();
    private final ExecutionHistoryRegistry registry = new ExecutionHistoryRegistry();

    @Test
    void aTaskSeesTheLiveHistoryOfItsOwnExecution() {
        List<List<HistoryEntry>> seenBySecond = new ArrayList<>();
        ScriptedTasks first = ScriptedTasks.of("{\"First\": [{\"error\": \"Flaky\", \"cause\": \"\"}, {\"result\": {}}]}");
        TaskBinding tasks = request -> {
            if (request.state().equals("Second")) {
                workflows.clock.advance(Duration.ofSeconds(5));
                seenBySecond.add(registry.historyOf(request.executionId()));
                return json("{\"report\": \"written\"}");
            }
            return first.invoke(request);
        };
        AslRunner runner = workflows.runner(Workflows.machine(TWO_TASKS), tasks).history(registry).build();

        ExecutionResult result = runner.run("session-1", json("{}"));

        assertThat(seenBySecond).singleElement().satisfies(history -> assertThat(history).containsExactly(
                new HistoryEntry("First", "Task", Workflows.START, Workflows.START.plusSeconds(3), "succeeded", null, 2),
                new HistoryEntry("Second", "Task", Workflows.START.plusSeconds(3), null, "running", null, 0)));
        assertThat(registry.historyOf(runner.executionId("session-1"))).isEqualTo(result.history()).containsExactly(
                new HistoryEntry("First", "Task", Workflows.START, Workflows.START.plusSeconds(3), "succeeded", null, 2),
                new HistoryEntry("Second", "Task", Workflows.START.plusSeconds(3), Workflows.START.plusSeconds(8), "succeeded", null, 1));
        assertThat(result.startDate()).isEqualTo(Workflows.START);
        assertThat(result.stopDate()).isEqualTo(Workflows.START.plusSeconds(8));
    }

    @Test
    void theListenerHearsStatesEnteredRetriedAndExited() {
        List<String> heard = new ArrayList<>();
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void stateEntered(String executionId, String state, String type) {
                heard.add("entered " + state + " (" + type + ")");
            }

            @Override
            public void stateExited(String executionId, HistoryEntry entry, Duration duration) {
                heard.add("exited " + entry.state() + " " + entry.outcome() + " after " + duration.toSeconds() + " s");
            }

            @Override
            public void retrying(String executionId, String state, String error, int retry, Duration delay) {
                heard.add("retry " + retry + " of " + state + " after " + error + " in " + delay.toSeconds() + " s");
            }
        };
        ScriptedTasks tasks = ScriptedTasks.of("""
                {"First": [{"error": "Flaky", "cause": ""}, {"error": "Flaky", "cause": ""}, {"result": {}}],
                 "Second": [{"error": "Broken", "cause": "no"}]}""");

        ExecutionResult result = workflows.runner(Workflows.machine(TWO_TASKS), tasks).listener(listener).build().run("progress", json("{}"));

        assertThat(heard).containsExactly(
                "entered First (Task)",
                "retry 1 of First after Flaky in 3 s",
                "retry 2 of First after Flaky in 6 s",
                "exited First succeeded after 9 s",
                "entered Second (Task)",
                "exited Second failed after 0 s");
        assertThat(result.history().get(1).error()).isEqualTo("Broken");
    }

    @Test
    void anUnknownExecutionHasNoHistory() {
        assertThat(registry.historyOf("arn:aws:states:eu-north-1:000000000000:execution:munin-test:never")).isEmpty();
    }

    @Test
    void anExecutionNameCanBeUsedOnlyOnce() {
        AslRunner runner = workflows.runner(Workflows.machine("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}"),
                ScriptedTasks.of("{}")).history(registry).build();
        runner.run("manifest-2024-05-01", json("{}"));

        assertThatThrownBy(() -> runner.run("manifest-2024-05-01", json("{}")))
                .isInstanceOf(ExecutionAlreadyExists.class)
                .hasMessageContaining("execution:munin-test:manifest-2024-05-01");
    }

    @Test
    void anExecutionNameStepFunctionsWouldRefuseIsRefused() {
        AslRunner runner = workflows.runner(Workflows.machine("{\"StartAt\": \"S\", \"States\": {\"S\": {\"Type\": \"Succeed\"}}}"),
                ScriptedTasks.of("{}")).build();

        assertThatThrownBy(() -> runner.run("my run", json("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runner.run("a/b", json("{}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runner.run("x".repeat(81), json("{}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedExecutionIsAborted() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException("shutting down");
        };
        ScriptedTasks tasks = ScriptedTasks.of("{\"First\": [{\"error\": \"Flaky\", \"cause\": \"\"}]}");
        AslRunner runner = AslRunner.builder(Workflows.machine(TWO_TASKS), Workflows.STATE_MACHINE_ARN)
                .binding("arn:aws:states:::lambda:invoke", tasks).clock(workflows.clock).sleeper(interrupted).build();

        ExecutionResult result = runner.run("stop", json("{}"));

        assertThat(Thread.interrupted()).as("the interrupt is passed on").isTrue();
        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(result.history()).singleElement().extracting(HistoryEntry::outcome).isEqualTo("aborted");
    }

    @Test
    void aStateOutputOverThePayloadLimitFailsTheExecution() {
        ExecutionResult result = workflows.runner(Workflows.machine("""
                        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "%s", "End": true}}}""".formatted("x".repeat(64))),
                ScriptedTasks.of("{}")).payloadLimitBytes(50).build().run("big", json("{}"));

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.history()).singleElement().extracting(HistoryEntry::outcome).isEqualTo("failed");
    }
}
