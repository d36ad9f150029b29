package dk.munin.manifest;

import dk.munin.state.PipelineError;

/** The manifest cannot start a run: the message names the field and the reason. */
public class InvalidManifest extends PipelineError {

    private final String field;

    public InvalidManifest(String field, String reason) {
        super("Manifest field '" + field + "': " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
