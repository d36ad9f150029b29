package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Fail: ends the execution with an error. Error and Cause are literals, or come from ErrorPath
 * and CausePath (a path or an intrinsic function that must yield a string).
 */
record FailState(String name, String error, IntrinsicArgument errorPath,
                 String cause, IntrinsicArgument causePath) implements State {

    @Override
    public String type() {
        return "Fail";
    }

    @Override
    public Map<String, String> transitions() {
        return Map.of();
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError {
        JsonNode context = visit.context();
        String errorName = errorPath == null ? error : text(errorPath, input, context, "ErrorPath");
        String causeText = causePath == null ? cause : text(causePath, input, context, "CausePath");
        throw new StateError(errorName, causeText);
    }

    private static String text(IntrinsicArgument source, JsonNode input, JsonNode context, String field) throws StateError {
        JsonNode value = source.evaluate(input, context, field);
        if (!value.isTextual()) {
            throw StateError.runtime("The value for the field '" + field + "' must be a string, but was " + value);
        }
        return value.textValue();
    }
}
