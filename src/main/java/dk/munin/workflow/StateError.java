package dk.munin.workflow;

/**
 * An error a state reports while it runs, named as Step Functions names it: a Task's error, a
 * Fail state's Error, or one of the {@code States.*} errors the interpreter raises itself.
 */
final class StateError extends Exception {

    private final String error;
    private final String cause;

    StateError(String error, String cause) {
        super(cause == null ? error : error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
    }

    static StateError runtime(String cause) {
        return new StateError(ErrorNames.RUNTIME, cause);
    }

    String error() {
        return error;
    }

    /** The cause text, or null when the error has none (a Fail state without Cause). */
    String cause() {
        return cause;
    }
}
