package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Succeed: ends the execution successfully with its (filtered) input as the output. */
record SucceedState(String name, Selector inputPath, Selector outputPath) implements State {

    @Override
    public String type() {
        return "Succeed";
    }

    @Override
    public Map<String, String> transitions() {
        return Map.of();
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        return Transition.to(outputPath.apply(effective, context, "OutputPath"), null);
    }
}
