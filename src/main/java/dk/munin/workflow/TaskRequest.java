package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task hands its binding: the execution and state it runs in, and its input after
 * InputPath and Parameters.
 */
public record TaskRequest(String executionId, String state, JsonNode parameters) {
}
