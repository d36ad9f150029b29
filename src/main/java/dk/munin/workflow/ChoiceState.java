package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Choice: goes to the Next of the first matching rule, else to Default, else fails. */
record ChoiceState(String name, Selector inputPath, Selector outputPath, List<Branch> choices, String defaultNext)
        implements State {

    /** A top-level rule and where it leads. */
    record Branch(ChoiceRule rule, String next) {
    }

    @Override
    public String type() {
        return "Choice";
    }

    @Override
    public Map<String, String> transitions() {
        Map<String, String> transitions = new LinkedHashMap<>();
        for (int i = 0; i < choices.size(); i++) {
            transitions.put("Choices[" + i + "].Next", choices.get(i).next());
        }
        if (defaultNext != null) {
            transitions.put("Default", defaultNext);
        }
        return transitions;
    }

    /**
     * The state this Choice goes to for {@code input}, evaluated as {@link #run} evaluates it but
     * without an execution (a rule reading the context object {@code $$} finds it empty).
     */
    Optional<String> choose(JsonNode input) {
        JsonNode context = JsonNodeFactory.instance.objectNode();
        try {
            JsonNode effective = inputPath.apply(input, context, "InputPath");
            for (Branch branch : choices) {
                if (branch.rule().matches(effective, context)) {
                    return Optional.of(branch.next());
                }
            }
        } catch (StateError cannotDecide) {
            return Optional.empty();
        }
        return Optional.ofNullable(defaultNext);
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        String next = null;
        for (Branch branch : choices) {
            if (branch.rule().matches(effective, context)) {
                next = branch.next();
                break;
            }
        }
        if (next == null) {
            next = defaultNext;
        }
        if (next == null) {
            throw new StateError(ErrorNames.NO_CHOICE_MATCHED,
                    "No Matches! No choice rule of state '" + name + "' matched and it has no Default");
        }
        return Transition.to(outputPath.apply(effective, context, "OutputPath"), next);
    }
}
