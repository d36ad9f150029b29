package dk.munin.state;

/**
 * A stage was handed a workflow state it cannot work from: a field it needs is missing, or the
 * JSON does not have the shape of {@link RunState} (docs/run-state.schema.json). On AWS this is
 * what a Lambda-to-Lambda hand-over looks like after a field was renamed on one side only; the
 * workflow catches it to FailInvalidState.
 */
public class InvalidState extends PipelineError {

    private InvalidState(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidState missing(Stage stage, String field, String addedBy) {
        return new InvalidState(stage.stateName() + " needs '" + field + "' in the workflow state, which has none"
                + (addedBy == null ? "" : ": " + addedBy + " adds it, and must run before " + stage.stateName())
                + " (pipeline.asl.json orders the stages)", null);
    }

    static InvalidState unreadable(Stage stage, String problem, Throwable cause) {
        return new InvalidState(stage.stateName() + " cannot read the workflow state: " + problem
                + " (its shape is docs/run-state.schema.json)", cause);
    }
}
