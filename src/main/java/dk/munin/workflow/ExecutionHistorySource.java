package dk.munin.workflow;

import java.util.List;

/** Where the run report gets an execution's state history from (the embedded runner or Step Functions). */
public interface ExecutionHistorySource {

    /**
     * The states entered so far, in the order they were entered; empty when the execution is unknown.
     *
     * @throws ExecutionHistoryUnavailable when the history exists somewhere but could not be read
     */
    List<HistoryEntry> historyOf(String executionId);
}
