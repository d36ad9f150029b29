package dk.munin.detect;

import dk.munin.state.PipelineError;

/** munin.detect.precomputed-file is not a MegaDetector batch output file Munin can use; the message says why. */
public class InvalidPrecomputedDetections extends PipelineError {

    public InvalidPrecomputedDetections(String message) {
        super(message);
    }
}
