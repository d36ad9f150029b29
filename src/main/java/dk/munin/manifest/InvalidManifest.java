package dk.munin.manifest;

import dk.munin.state.PipelineError;

/** The manifest cannot start a run: the message names the field and the reason. */
public class InvalidManifest extends PipelineError {

    private final String field;
    private final String reason;

    public InvalidManifest(String field, String reason) {
        super("Manifest field '" + field + "': " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    /** Why the field is refused, without the field's name (the trigger's .error.json has both apart). */
    public String reason() {
        return reason;
    }
}
