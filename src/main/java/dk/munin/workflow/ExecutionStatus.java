package dk.munin.workflow;

/** How an execution ended, in Step Functions' words. */
public enum ExecutionStatus {
    SUCCEEDED,
    FAILED,
    /** The thread running it was interrupted (the application is shutting down). */
    ABORTED
}
