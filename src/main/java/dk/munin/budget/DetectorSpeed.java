package dk.munin.budget;

import dk.munin.state.SpeedEstimate;

/** How fast the run's detector is expected to be: from the calibration table, or the configured figure. */
@FunctionalInterface
public interface DetectorSpeed {

    /** For runs that reuse detections made elsewhere (precomputed mode): no detector runs. */
    DetectorSpeed NONE = () -> new SpeedEstimate(0, 0, 1, "none", "precomputed detections: no detector runs", null);

    SpeedEstimate estimate();
}
