package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a run interrupts the thread running it. A Task that stops its work and then fails
 * (as the detector drivers do after terminating their job) must end the execution as aborted,
 * not go on through its Catch to a Fail state, nor to the next state.
 */
class CancellationTest {

    private static final String DEFINITION = """
            {"StartAt": "RunJob", "States": {
              "RunJob": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "Parameters": {"JobName": "j"},
                         "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "FailJob"}], "Next": "AfterJob"},
              "AfterJob": {"Type": "Pass", "End": true},
              "FailJob": {"Type": "Fail", "Error": "JobFailed"}}}""";

    private final Workflows workflows = new Workflows();

    @Test
    void aTaskThatFailsAfterTheInterruptAbortsTheRunInsteadOfBeingCaught() throws Exception {
        ExecutionResult result = runAndInterrupt(request -> {
            throw new TaskFailure("States.TaskFailed", "The run was cancelled; job terminated");
        });

        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(Workflows.statesEntered(result)).containsExactly("RunJob");
        assertThat(result.history().get(0).outcome()).isEqualTo("aborted");
    }

    @Test
    void aTaskThatReturnsAfterTheInterruptAbortsTheRunBeforeTheNextState() throws Exception {
        ExecutionResult result = runAndInterrupt(request -> json("{\"Status\": \"SUCCEEDED\"}"));

        assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(Workflows.statesEntered(result)).containsExactly("RunJob");
    }

    /** Runs the definition on another thread, interrupts it while RunJob waits, then lets {@code afterInterrupt} answer. */
    private ExecutionResult runAndInterrupt(AfterInterrupt afterInterrupt) throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        TaskBinding job = request -> {
            waiting.countDown();
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("never released");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return afterInterrupt.answer(request);
            }
        };
        AslRunner runner = workflows.runner(Workflows.machine(DEFINITION), job).build();
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(runner.run("cancelled", json("{}"))));
        run.start();
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

        run.interrupt();
        run.join(10_000);

        assertThat(run.isAlive()).isFalse();
        return result.get();
    }

    @FunctionalInterface
    private interface AfterInterrupt {
        JsonNode answer(TaskRequest request) throws TaskFailure;
    }
}
