package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A binding whose Tasks answer from a script, per state, one outcome per attempt (the last one
 * repeats). The script format is the one tools/asl/run-asl.mjs reads, so the embedded runner and
 * aws-local-stepfunctions can be given exactly the same task behaviour:
 * {@code {"result": ...}}, {@code {"error": name, "cause": text}}, or
 * {@code {"echoLambda": {fields}}} (a lambda:invoke result whose Payload is the task's Payload
 * with those fields set).
 */
final class ScriptedTasks implements TaskBinding {

    private final JsonNode script;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<TaskRequest> requests = new ArrayList<>();

    ScriptedTasks(JsonNode script) {
        this.script = script;
    }

    static ScriptedTasks of(String scriptJson) {
        return new ScriptedTasks(Json.parse(scriptJson));
    }

    @Override
    public synchronized JsonNode invoke(TaskRequest request) throws TaskFailure {
        requests.add(request);
        JsonNode outcomes = script.path(request.state());
        if (!outcomes.isArray() || outcomes.isEmpty()) {
            throw new IllegalStateException("The test script has no outcomes for task " + request.state());
        }
        int attempt = attempts.merge(request.state(), 1, Integer::sum) - 1;
        JsonNode outcome = outcomes.get(Math.min(attempt, outcomes.size() - 1));
        if (outcome.has("error")) {
            throw new TaskFailure(outcome.get("error").asText(), outcome.path("cause").asText());
        }
        if (outcome.has("echoLambda")) {
            ObjectNode payload = request.parameters().get("Payload").deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> it = outcome.get("echoLambda").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                payload.set(field.getKey(), field.getValue());
            }
            ObjectNode result = Json.object().put("ExecutedVersion", "$LATEST");
            result.set("Payload", payload);
            return result.put("StatusCode", 200);
        }
        return outcome.get("result");
    }

    synchronized List<TaskRequest> requests() {
        return List.copyOf(requests);
    }
}
