package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a state ended without failing the execution: its output, the state to go to (null when the
 * execution ends here) and, when a Catcher handled an error, that error's name.
 */
record Transition(JsonNode output, String next, String caughtError) {

    static Transition to(JsonNode output, String next) {
        return new Transition(output, next, null);
    }

    boolean ends() {
        return next == null;
    }
}
