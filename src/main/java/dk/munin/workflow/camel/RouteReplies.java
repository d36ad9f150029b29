package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dk.munin.workflow.ErrorNames;
import dk.munin.workflow.JsonText;
import dk.munin.workflow.TaskFailure;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RuntimeCamelException;

/**
 * What the route bindings share: reading a route's reply as JSON and finding the real exception;
 * the latter also for every caller of a Camel producer that must see the error itself (the
 * Lambda handlers, the AWS clients' callers).
 */
public final class RouteReplies {

    private RouteReplies() {
    }

    /** The reply body as JSON: a Jackson tree as it is, anything else converted to text and parsed. */
    static JsonNode json(Exchange exchange, String route) throws TaskFailure {
        Message reply = exchange.getMessage();
        Object body = reply.getBody();
        if (body == null) {
            return NullNode.getInstance();
        }
        if (body instanceof JsonNode node) {
            return node;
        }
        String text = reply.getBody(String.class);
        try {
            return JsonText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TaskFailure(ErrorNames.TASK_FAILED, "The reply of route " + route + " is not JSON ("
                    + e.getMessage() + "): " + text);
        }
    }

    /**
     * The exception the route itself threw: Camel wraps it (CamelExecutionException and other
     * RuntimeCamelExceptions) on its way back to the producer.
     */
    /**
     * What a producer call failed with, as the route or the component threw it: the unwrapped
     * error when it is unchecked, else Camel's own exception.
     */
    public static RuntimeException routeError(RuntimeCamelException failure) {
        return unwrap(failure) instanceof RuntimeException error ? error : failure;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof RuntimeCamelException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
