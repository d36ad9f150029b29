package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.List;

/**
 * A Task's Retry and Catch. On an error the first Retrier whose ErrorEquals covers it decides:
 * retry after its delay while it has attempts left (each Retrier counts its own), otherwise the
 * first covering Catcher sends {@code {"Error", "Cause"}} to its Next; with neither, the error
 * fails the execution.
 */
record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {

    static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

    /** One try at the state's work. */
    @FunctionalInterface
    interface Attempt {
        JsonNode run() throws StateError, InterruptedException;
    }

    Transition run(JsonNode rawInput, String next, StateVisit visit, Attempt attempt)
            throws StateError, InterruptedException {
        int[] retriesUsed = new int[retriers.size()];
        while (true) {
            visit.attemptStarted();
            try {
                return Transition.to(attempt.run(), next);
            } catch (StateError e) {
                int retrier = firstRetrierCovering(e.error());
                if (retrier >= 0 && retriesUsed[retrier] < retriers.get(retrier).maxAttempts()) {
                    visit.retrying(e.error(), retriers.get(retrier).delayBefore(retriesUsed[retrier]++));
                    continue;
                }
                for (Catcher catcher : catchers) {
                    if (catcher.covers(e.error())) {
                        return new Transition(catcher.resultPath().merge(rawInput, errorOutput(e)), catcher.next(), e.error());
                    }
                }
                throw e;
            }
        }
    }

    private int firstRetrierCovering(String error) {
        for (int i = 0; i < retriers.size(); i++) {
            if (retriers.get(i).covers(error)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode errorOutput(StateError e) {
        ObjectNode output = Json.object().put("Error", e.error());
        if (e.cause() != null) {
            output.put("Cause", e.cause());
        }
        return output;
    }
}
