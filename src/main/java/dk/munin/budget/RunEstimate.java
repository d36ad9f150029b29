package dk.munin.budget;

import dk.munin.state.CostBreakdown;
import dk.munin.state.JobCost;
import dk.munin.state.SpeedEstimate;
import dk.munin.state.WorstCase;

/**
 * A run's expected cost, before it runs.
 *
 * @param detection             the seed's calculate_job_cost for the detector
 * @param breakdown             every component, the detector's among them
 * @param shards                the AWS Batch array children the detection job runs as
 * @param worstCase             every attempt of every shard running the whole max_job_duration, plus the rest as expected
 * @param speed                 the detector speed the estimate used
 */
public record RunEstimate(JobCost detection, CostBreakdown breakdown, int shards, WorstCase worstCase, SpeedEstimate speed) {

    /** What the run spends on everything but the detector's shards (their start-up counts as theirs). */
    public static double otherThanDetection(CostBreakdown breakdown) {
        return breakdown.totalDkk() - breakdown.dkk(CostComponent.DETECTOR.jsonName())
                - breakdown.dkk(CostComponent.DETECTOR_START.jsonName());
    }
}
