package dk.munin.manifest;

import dk.munin.state.PipelineError;

/** The manifest cannot start a run: the message names the field and the reason. */
public class InvalidManifest extends PipelineError {

    /** A reason quoting a long value (a location, a time as typed) keeps its start and its end, the advice. */
    private static final int MAX_REASON = 600;
    private static final int KEPT_END = 250;

    private final String field;
    private final String reason;

    public InvalidManifest(String field, String reason) {
        super("Manifest field '" + field + "': " + readable(reason));
        this.field = field;
        this.reason = readable(reason);
    }

    private static String readable(String reason) {
        return reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON - KEPT_END - 5) + " ... " + reason.substring(reason.length() - KEPT_END);
    }

    public String field() {
        return field;
    }

    /** Why the field is refused, without the field's name (the trigger's .error.json has both apart). */
    public String reason() {
        return reason;
    }
}
