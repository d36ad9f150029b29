package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the Tasks whose Resource it is registered for (e.g. {@code arn:aws:states:::lambda:invoke})
 * and returns the task result exactly as that AWS service integration would.
 */
public interface TaskBinding {

    /**
     * Checks a Task's Parameters template when the runner is built, so a parameter the binding
     * cannot honour fails before anything runs. The default accepts any.
     *
     * @param state      the Task state's name, for the message
     * @param parameters the Parameters template as written (keys may end in {@code .$}), or null
     * @throws InvalidDefinition naming the state and the parameter
     */
    default void checkParameters(String state, JsonNode parameters) {
    }

    /** Runs the task; a failure names the error the ASL's Retry and Catch see. */
    JsonNode invoke(TaskRequest request) throws TaskFailure, InterruptedException;
}
