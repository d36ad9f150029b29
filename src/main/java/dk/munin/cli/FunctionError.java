package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

/**
 * A Lambda function's own error: Invoke answered 200 with X-Amz-Function-Error, and the payload
 * is the runtime's {@code {"errorMessage", "errorType", "stackTrace"}}.
 */
final class FunctionError extends RuntimeException {

    private final String errorType;
    private final String errorMessage;

    private FunctionError(String kind, String errorType, String errorMessage) {
        super(kind + ": " + errorType + ": " + errorMessage);
        this.errorType = errorType;
        this.errorMessage = errorMessage;
    }

    /** @param kind the X-Amz-Function-Error header, e.g. Unhandled */
    static FunctionError of(String kind, String payload) {
        JsonNode error;
        try {
            error = Json.parse(payload);
        } catch (IllegalArgumentException e) {
            return new FunctionError(kind, "(no errorType)", payload);
        }
        return new FunctionError(kind, error.path("errorType").asText("(no errorType)"), error.path("errorMessage").asText(payload));
    }

    String errorType() {
        return errorType;
    }

    String errorMessage() {
        return errorMessage;
    }
}
