package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Pass: its result is Result, or else its (Parameters-shaped) input. */
record PassState(String name, Selector inputPath, PayloadTemplate parameters, JsonNode result,
                 ResultPath resultPath, Selector outputPath, String next) implements State {

    @Override
    public String type() {
        return "Pass";
    }

    @Override
    public Map<String, String> transitions() {
        return next == null ? Map.of() : Map.of("Next", next);
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        if (parameters != null) {
            effective = parameters.resolve(effective, context);
        }
        JsonNode output = resultPath.merge(input, result != null ? result : effective);
        return Transition.to(outputPath.apply(output, context, "OutputPath"), next);
    }
}
