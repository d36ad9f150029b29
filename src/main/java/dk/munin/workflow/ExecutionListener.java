package dk.munin.workflow;

import java.time.Duration;

/** Hears an execution's progress as it happens, e.g. to print it on the command line. */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() {
    };

    default void stateEntered(String executionId, String state, String type) {
    }

    /** The state ended; the entry carries the outcome, error name and number of attempts. */
    default void stateExited(String executionId, HistoryEntry entry, Duration duration) {
    }

    /**
     * The state failed with {@code error} and will be tried again after {@code delay}.
     *
     * @param retry 1 for the first retry of this state, 2 for the second, and so on
     */
    default void retrying(String executionId, String state, String error, int retry, Duration delay) {
    }
}
