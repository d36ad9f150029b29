package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Task: hands its Parameters-shaped input to the binding chosen by Resource, then shapes the
 * result (ResultSelector, ResultPath, OutputPath), with Retry and Catch around all of it.
 */
record TaskState(String name, String resource, Selector inputPath, PayloadTemplate parameters,
                 JsonNode parametersTemplate, PayloadTemplate resultSelector, ResultPath resultPath,
                 Selector outputPath, Long timeoutSeconds, DataPath timeoutSecondsPath,
                 ErrorHandling errorHandling, String next) implements State {

    @Override
    public String type() {
        return "Task";
    }

    @Override
    public Map<String, String> transitions() {
        Map<String, String> transitions = new LinkedHashMap<>();
        if (next != null) {
            transitions.put("Next", next);
        }
        for (int i = 0; i < errorHandling.catchers().size(); i++) {
            transitions.put("Catch[" + i + "].Next", errorHandling.catchers().get(i).next());
        }
        return transitions;
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError, InterruptedException {
        return errorHandling.run(input, next, visit, () -> attempt(input, visit));
    }

    private JsonNode attempt(JsonNode input, StateVisit visit) throws StateError, InterruptedException {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        if (parameters != null) {
            effective = parameters.resolve(effective, context);
        }
        JsonNode result = visit.invoke(resource, effective, timeout(effective, context));
        if (resultSelector != null) {
            result = resultSelector.resolve(result, context);
        }
        return outputPath.apply(resultPath.merge(input, result), context, "OutputPath");
    }

    /** The task's time limit, or null for none (Step Functions' default for a Task). */
    private Duration timeout(JsonNode effective, JsonNode context) throws StateError {
        if (timeoutSeconds != null) {
            return Duration.ofSeconds(timeoutSeconds);
        }
        if (timeoutSecondsPath == null) {
            return null;
        }
        JsonNode value = timeoutSecondsPath.read(effective, context, "TimeoutSecondsPath");
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            throw StateError.runtime("The TimeoutSecondsPath '" + timeoutSecondsPath + "' must select a positive integer, not " + value);
        }
        return Duration.ofSeconds(value.asLong());
    }
}
