package dk.munin.workflow;

/**
 * The workflow definition cannot be run: malformed, an unresolved substitution, a field the
 * runner does not know or support, a transition to a missing state, or a Task whose Resource has
 * no binding. Raised before any state runs, with a message naming the state and the field.
 */
public class InvalidDefinition extends RuntimeException {

    public InvalidDefinition(String message) {
        super(message);
    }

    public InvalidDefinition(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidDefinition inState(String state, String message) {
        return new InvalidDefinition("State '" + state + "': " + message);
    }

    public static InvalidDefinition inField(String state, String field, String message) {
        return new InvalidDefinition("State '" + state + "', field '" + field + "': " + message);
    }
}
