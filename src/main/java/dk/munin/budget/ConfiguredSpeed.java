package dk.munin.budget;

import dk.munin.state.SpeedEstimate;

/**
 * The detector speed when the calibration table has no row for the run's model where it runs:
 * munin.budget.ms-per-frame and munin.budget.startup-seconds, as configured, with no safety factor
 * (the guess is meant to be generous already).
 */
public record ConfiguredSpeed(long msPerFrame, double startupSeconds, String host, String why) implements DetectorSpeed {

    @Override
    public SpeedEstimate estimate() {
        return new SpeedEstimate(msPerFrame, startupSeconds, 1, host,
                "munin.budget.ms-per-frame and munin.budget.startup-seconds, not measured: " + why, null);
    }
}
