package dk.munin.workflow;

/**
 * The history of an execution could not be read (e.g. Step Functions was unreachable). Not a
 * reason to fail the run: the report says so instead of listing the states.
 */
public class ExecutionHistoryUnavailable extends RuntimeException {

    public ExecutionHistoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
