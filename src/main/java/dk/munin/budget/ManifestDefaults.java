package dk.munin.budget;

import dk.munin.exif.DeploymentTable;

/**
 * What a manifest gets when it leaves a field out, and the limits it may ask for.
 *
 * @param maxDeployments   rows a deployments table may have (the run state must fit Step Functions' 256 KB)
 * @param maxClockDriftPpm a clock drift above this is a mistake in the reference times, not drift
 */
public record ManifestDefaults(
        boolean useSpot,
        int maxImages,
        int maxJobDuration,
        int weatherDaysBack,
        int maxImagesLimit,
        int minJobDuration,
        int maxJobDurationLimit,
        int maxDeployments,
        double maxClockDriftPpm) {

    public DeploymentTable.Limits deploymentLimits() {
        return new DeploymentTable.Limits(maxDeployments, maxClockDriftPpm);
    }
}
