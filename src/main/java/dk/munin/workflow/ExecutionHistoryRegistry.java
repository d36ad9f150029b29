package dk.munin.workflow;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The histories of the executions the embedded runner has started in this process, by
 * execution id ({@code $$.Execution.Id}). Readable while an execution runs, which is how a Task
 * can report on the run it is part of.
 */
public final class ExecutionHistoryRegistry implements ExecutionHistorySource {

    private final ConcurrentMap<String, ExecutionHistory> histories = new ConcurrentHashMap<>();

    @Override
    public List<HistoryEntry> historyOf(String executionId) {
        ExecutionHistory history = histories.get(executionId);
        return history == null ? List.of() : history.snapshot();
    }

    ExecutionHistory start(String executionId) {
        ExecutionHistory history = new ExecutionHistory();
        if (histories.putIfAbsent(executionId, history) != null) {
            throw new ExecutionAlreadyExists(executionId);
        }
        return history;
    }
}
