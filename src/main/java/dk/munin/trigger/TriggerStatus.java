package dk.munin.trigger;

/** What the trigger did with a manifest, as its reply says. */
public enum TriggerStatus {
    /** An execution runs for it (Step Functions answered StartExecution with one). */
    STARTED,
    /** Step Functions has had an execution of that name: this manifest was started before. */
    ALREADY_STARTED,
    /** Not JSON, or refused by the manifest rules: the .error.json beside it says why. */
    REFUSED,
    /** No manifest: an .error.json the trigger wrote itself. */
    IGNORED
}
