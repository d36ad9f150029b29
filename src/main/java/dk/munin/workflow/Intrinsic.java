package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed intrinsic function call such as {@code States.Format('job-{}', $.id)}; its arguments
 * are literals, paths or nested calls, evaluated left to right against the state's data and
 * context object.
 */
final class Intrinsic implements IntrinsicArgument {

    private final IntrinsicFunction function;
    private final List<IntrinsicArgument> arguments;

    Intrinsic(IntrinsicFunction function, List<IntrinsicArgument> arguments) {
        this.function = function;
        this.arguments = List.copyOf(arguments);
    }

    List<IntrinsicArgument> arguments() {
        return arguments;
    }

    @Override
    public JsonNode evaluate(JsonNode data, JsonNode context, String field) throws StateError {
        List<JsonNode> values = new ArrayList<>(arguments.size());
        for (IntrinsicArgument argument : arguments) {
            values.add(argument.evaluate(data, context, field));
        }
        return function.apply(this, values);
    }
}
