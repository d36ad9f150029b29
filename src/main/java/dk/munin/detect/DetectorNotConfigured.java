package dk.munin.detect;

import dk.munin.state.PipelineError;

/** The detector cannot start: no model or no detector program. The message says how to provide it. */
public class DetectorNotConfigured extends PipelineError {

    public DetectorNotConfigured(String message) {
        super(message);
    }
}
