package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.time.Instant;
import java.util.List;

/**
 * The end of an execution: its status, the output when it succeeded, the error and cause when
 * it failed, and the states it went through.
 */
public record ExecutionResult(
        String executionId,
        String executionName,
        ExecutionStatus status,
        JsonNode output,
        String error,
        String cause,
        Instant startDate,
        Instant stopDate,
        List<HistoryEntry> history) {

    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }

    /** The cause as a person reads it: a Lambda-style cause is JSON with errorMessage; a Fail state's or Batch's is plain text. */
    public String causeMessage() {
        if (cause == null) {
            return "";
        }
        try {
            JsonNode parsed = Json.parse(cause);
            return parsed.hasNonNull("errorMessage") ? parsed.get("errorMessage").asText() : cause;
        } catch (IllegalArgumentException e) {
            return cause;
        }
    }
}
