package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.time.Duration;
import java.time.Instant;

/**
 * One entry into a state: what the state may use while it runs (the context object, task
 * bindings, the sleeper, the clock) and the count of its attempts and retries.
 */
final class StateVisit {

    private final Execution execution;
    private final String state;
    private final Instant entered;
    private int attempts;
    private int retries;

    StateVisit(Execution execution, String state, Instant entered) {
        this.execution = execution;
        this.state = state;
        this.entered = entered;
    }

    /** The context object ({@code $$}) as this state sees it now. */
    JsonNode context() {
        ObjectNode context = Json.object();
        context.set("Execution", execution.executionContext());
        context.putObject("State")
                .put("EnteredTime", Timestamps.format(entered))
                .put("Name", state)
                .put("RetryCount", retries);
        context.set("StateMachine", execution.stateMachineContext());
        return context;
    }

    Execution execution() {
        return execution;
    }

    void attemptStarted() {
        attempts++;
    }

    /** At least 1: a state that has no Retry is attempted once. */
    int attempts() {
        return Math.max(1, attempts);
    }

    Instant entered() {
        return entered;
    }

    Instant now() {
        return execution.clock().instant();
    }

    void retrying(String error, Duration delay) throws InterruptedException {
        retries++;
        execution.listener().retrying(execution.id(), state, error, retries, delay);
        execution.sleeper().sleep(delay);
    }

    void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            execution.sleeper().sleep(duration);
        }
    }

    JsonNode invoke(String resource, JsonNode parameters, Duration timeout) throws StateError, InterruptedException {
        // A copy, so a binding that edits its request cannot reach into the definition's literals.
        JsonNode result = execution.tasks().invoke(resource, new TaskRequest(execution.id(), state, parameters.deepCopy()), timeout);
        execution.payloadLimit().check(result, "The result of task " + state);
        return result;
    }
}
