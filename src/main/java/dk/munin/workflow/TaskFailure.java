package dk.munin.workflow;

/**
 * A task's failure as Step Functions reports it: an error name that Retry and Catch match on
 * ErrorEquals, and a cause text.
 */
public class TaskFailure extends Exception {

    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.cause = cause;
    }

    public TaskFailure(String error, String cause, Throwable reason) {
        super(error + ": " + cause, reason);
        this.error = error;
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
