package dk.munin.workflow;

/**
 * An execution with this name was already started on this state machine: Step Functions keeps
 * execution names unique, which is what lets a repeated trigger not start a second run.
 */
public class ExecutionAlreadyExists extends RuntimeException {

    public ExecutionAlreadyExists(String executionId) {
        super("An execution named like this was already started: " + executionId);
    }
}
