package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.workflow.ErrorNames;
import dk.munin.workflow.InvalidDefinition;
import dk.munin.workflow.TaskBinding;
import dk.munin.workflow.TaskFailure;
import dk.munin.workflow.TaskRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

import java.util.Iterator;
import java.util.Set;

/**
 * {@code arn:aws:states:::lambda:invoke} run by a Camel route instead of a Lambda function: the
 * function name (a name, or a Lambda ARN with an optional qualifier) without the configured
 * prefix is the route id, called as {@code direct:<route id>} with the Payload as a JSON string.
 *
 * <p>The result is what Step Functions' optimized Lambda integration returns,
 * {@code {"ExecutedVersion": "$LATEST", "Payload": <reply>, "StatusCode": 200}}, and an
 * exception thrown by the route fails the task as a Lambda function error does in the Java
 * runtime: the error is the exception's class name, the cause the runtime's error JSON.
 */
public final class LambdaRouteBinding implements TaskBinding {

    /** The Resource of a Task that invokes a Lambda function through the optimized integration. */
    public static final String RESOURCE = "arn:aws:states:::lambda:invoke";

    /** The Lambda Invoke parameters this binding honours; the others change behaviour it cannot reproduce. */
    private static final Set<String> PARAMETERS = Set.of("FunctionName", "Payload", "Qualifier", "InvocationType");
    private static final String SYNCHRONOUS = "RequestResponse";
    /** The version Lambda reports for an unqualified invocation; routes have no versions. */
    private static final String LATEST = "$LATEST";
    private static final int OK = 200;
    private static final String FUNCTION_NOT_FOUND = "Lambda.ResourceNotFoundException";

    private final ProducerTemplate template;
    private final String functionPrefix;

    /**
     * @param template       sends to the stage routes
     * @param functionPrefix what Lambda function names have before the route id (e.g. "munin-")
     */
    public LambdaRouteBinding(ProducerTemplate template, String functionPrefix) {
        this.template = template;
        this.functionPrefix = functionPrefix;
    }

    @Override
    public void checkParameters(String state, JsonNode parameters) {
        if (parameters == null) {
            throw InvalidDefinition.inField(state, "Parameters", "lambda:invoke needs Parameters with FunctionName");
        }
        boolean functionName = false;
        for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String name = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (!PARAMETERS.contains(name)) {
                throw InvalidDefinition.inField(state, "Parameters." + key,
                        "is not supported by the embedded runner's lambda:invoke (supported: " + PARAMETERS + ")");
            }
            if (name.equals("InvocationType") && !SYNCHRONOUS.equals(parameters.get(key).asText())) {
                throw InvalidDefinition.inField(state, "Parameters." + key,
                        "only " + SYNCHRONOUS + " is supported by the embedded runner");
            }
            functionName |= name.equals("FunctionName");
        }
        if (!functionName) {
            throw InvalidDefinition.inField(state, "Parameters.FunctionName", "is required by lambda:invoke");
        }
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        JsonNode parameters = request.parameters();
        JsonNode functionName = parameters.path("FunctionName");
        if (!functionName.isTextual()) {
            throw new TaskFailure(ErrorNames.TASK_FAILED, "FunctionName must be a string, not " + functionName);
        }
        String routeId = routeId(request.state(), functionName.textValue());
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : Json.object();
        Exchange exchange = template.send("direct:" + routeId, ExchangePattern.InOut,
                e -> e.getMessage().setBody(Json.write(payload)));
        if (exchange.getException() != null) {
            Throwable error = RouteReplies.unwrap(exchange.getException());
            throw new TaskFailure(error.getClass().getName(), lambdaErrorJson(error), error);
        }
        ObjectNode result = Json.object().put("ExecutedVersion", LATEST);
        result.set("Payload", RouteReplies.json(exchange, routeId));
        result.put("StatusCode", OK);
        return result;
    }

    /** The route that stands in for a function named as a name, name:qualifier, or (partial) Lambda ARN. */
    private String routeId(String state, String functionName) throws TaskFailure {
        String[] parts = functionName.split(":");
        String name;
        if (functionName.startsWith("arn:") && parts.length >= 7 && parts[2].equals("lambda") && parts[5].equals("function")) {
            name = parts[6];
        } else if (parts.length >= 3 && parts[1].equals("function")) {
            name = parts[2];
        } else {
            name = parts[0];
        }
        if (!name.startsWith(functionPrefix) || name.length() == functionPrefix.length()) {
            throw new TaskFailure(FUNCTION_NOT_FOUND, "State " + state + ": function " + functionName
                    + " has no route: locally a function name is '" + functionPrefix + "' followed by a route id");
        }
        String routeId = name.substring(functionPrefix.length());
        if (template.getCamelContext().getRoute(routeId) == null) {
            throw new TaskFailure(FUNCTION_NOT_FOUND, "State " + state + ": function " + functionName
                    + " has no route: no route with id '" + routeId + "' (direct:" + routeId + ") in the Camel context");
        }
        return routeId;
    }

    /** The error JSON AWS Lambda's Java runtime writes for an unhandled exception. */
    private static String lambdaErrorJson(Throwable error) {
        ObjectNode json = Json.object()
                .put("errorMessage", error.getMessage())
                .put("errorType", error.getClass().getName());
        json.putArray("stackTrace");
        return Json.write(json);
    }
}
