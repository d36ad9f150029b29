package dk.munin.state;

/**
 * A business error that makes the whole run meaningless. Subclasses are matched by their
 * fully qualified class name in the ASL's {@code ErrorEquals}: that is the {@code errorType}
 * AWS Lambda's Java runtime reports, and the embedded runner reports the same.
 */
public abstract class PipelineError extends RuntimeException {

    protected PipelineError(String message) {
        super(message);
    }

    protected PipelineError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The name Step Functions sees for this error. */
    public String errorName() {
        return getClass().getName();
    }
}
