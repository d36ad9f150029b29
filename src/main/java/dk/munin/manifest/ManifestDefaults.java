package dk.munin.manifest;

import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.settings.Settings;
import dk.munin.manifest.DeploymentTable;

/**
 * What a manifest gets when it leaves a field out, and the limits it may ask for.
 *
 * @param maxDeployments   rows a deployments table may have (the run state must fit Step Functions' 256 KB)
 * @param maxClockDriftPpm a clock drift above this is a mistake in the reference times, not drift
 * @param events           what a manifest's {@code events} gets for the fields it leaves out
 * @param maxBudgetDkk     the largest budget_dkk a manifest may give: a guard against a typo's extra zeros
 * @param maxRuntimeMin      what a manifest without max_runtime_min gets, in minutes
 * @param maxRuntimeMinLimit the largest max_runtime_min a manifest may give
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
        double maxClockDriftPpm,
        IndependenceRules events,
        double maxBudgetDkk,
        int maxRuntimeMin,
        int maxRuntimeMinLimit) {

    public static ManifestDefaults from(Settings settings) {
        return new ManifestDefaults(
                settings.flag("munin.manifest.default-use-spot"),
                settings.integer("munin.manifest.default-max-images"),
                settings.integer("munin.manifest.default-max-job-duration"),
                settings.integer("munin.manifest.default-weather-days-back"),
                settings.integer("munin.manifest.max-images-limit"),
                settings.integer("munin.manifest.min-job-duration"),
                settings.integer("munin.manifest.max-job-duration-limit"),
                settings.integer("munin.manifest.max-deployments"),
                settings.decimal("munin.manifest.max-clock-drift-ppm"),
                IndependenceRules.from(settings),
                settings.decimal("munin.manifest.max-budget-dkk"),
                settings.integer("munin.manifest.default-max-runtime-min"),
                settings.integer("munin.manifest.max-runtime-min-limit"));
    }

    public DeploymentTable.Limits deploymentLimits() {
        return new DeploymentTable.Limits(maxDeployments, maxClockDriftPpm);
    }
}
