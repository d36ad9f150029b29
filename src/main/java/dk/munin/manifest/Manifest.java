package dk.munin.manifest;

import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.storage.Location;
import dk.munin.manifest.DeploymentTable;

import java.time.ZoneId;

/**
 * A validated manifest (the seed's Input Format) with defaults filled in.
 *
 * @param timeZone    the zone the cameras' clocks are set to; null when unknown, which leaves
 *                    UTC times (and so weather) unknown unless deployments or the photos say
 * @param deployments the cameras' deployments and clock corrections (empty when not given)
 * @param speciesFrom where species come from: the detector's categories or the photos' folders
 * @param events      how records and events are counted, the defaults filled in
 * @param project     who and what the survey is, for the Camtrap DP package (empty when not given)
 * @param mode          where the run's work is done, and so how it is priced
 * @param maxRuntimeMin minutes after the run's start at which the detector stops
 */
public record Manifest(
        String inputUri,
        String outputUri,
        double budgetDkk,
        boolean useSpot,
        int maxImages,
        int maxJobDuration,
        int weatherDaysBack,
        String sessionId,
        ZoneId timeZone,
        DeploymentTable deployments,
        SpeciesFrom speciesFrom,
        IndependenceRules events,
        ProjectInfo project,
        BudgetMode mode,
        int maxRuntimeMin) {

    /** The session's work folder, {@code <output_uri>/_work/<session_id>/}: its journal, lease and intermediate files. */
    public Location workFolder() {
        return Location.parse(outputUri).resolve("_work/" + sessionId + "/");
    }

    /** The seed's Budget: the fields that bound what the run may spend. */
    public Budget budget() {
        return new Budget(budgetDkk, mode, maxRuntimeMin, maxImages, useSpot);
    }
}
