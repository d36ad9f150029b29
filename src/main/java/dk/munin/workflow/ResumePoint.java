package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where an execution stood after its last completed state: enough to continue it in another
 * process as if it had never stopped. The execution keeps its name, start time and input, so
 * what the states see of {@code $$.Execution} is the same as in an uninterrupted run.
 *
 * @param executionName  the execution's name, kept on resume as Step Functions keeps it on redrive
 * @param startDate      when the execution first started
 * @param executionInput the execution's input ({@code $$.Execution.Input})
 * @param completedState the last state that completed
 * @param nextState      the state to run next
 * @param nextInput      the completed state's output: the next state's input
 * @param history        the history up to and including the completed state
 */
public record ResumePoint(
        String executionName,
        Instant startDate,
        JsonNode executionInput,
        String completedState,
        String nextState,
        JsonNode nextInput,
        List<HistoryEntry> history) {

    public ResumePoint {
        Objects.requireNonNull(executionName, "executionName");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(executionInput, "executionInput");
        Objects.requireNonNull(nextState, "nextState");
        Objects.requireNonNull(nextInput, "nextInput");
        history = List.copyOf(history);
    }
}
