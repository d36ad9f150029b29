package dk.munin.detect;

import dk.munin.state.PipelineError;

/** The detector job failed on its last attempt; the message carries the detector's last error. */
public class DetectorFailed extends PipelineError {

    public DetectorFailed(String message) {
        super(message);
    }
}
