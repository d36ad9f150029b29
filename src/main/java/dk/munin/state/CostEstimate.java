package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code cost_estimation}: the price of the photos Stage-0 read, component by component, and how
 * the detection job is split.
 *
 * @param estimate                 the detection job's cost: the seed's calculate_job_cost
 * @param shards                   AWS Batch array children the job runs as; 1 is a single job
 * @param estimatedSecondsPerShard the detector time each shard is planned to take
 * @param stage1Uri                the folder the detector writes to (its OUTPUT_URI)
 * @param worstCase                the most the run could cost
 * @param breakdown                every component's expected cost, the detector's among them
 * @param speed                    the detector speed the estimate used, and its calibration
 * @param worstCaseWithinBudget    false when the worst case is over budget_dkk and the detector holds the budget
 * @param detectorLimit            where each shard stops: its DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT
 */
public record CostEstimate(
        @JsonProperty(value = "estimate", required = true) JobCost estimate,
        @JsonProperty(value = "shards", required = true) int shards,
        @JsonProperty(value = "estimated_seconds_per_shard", required = true) double estimatedSecondsPerShard,
        @JsonProperty(value = "stage1_uri", required = true) String stage1Uri,
        @JsonProperty(value = "worst_case", required = true) WorstCase worstCase,
        @JsonProperty(value = "breakdown", required = true) CostBreakdown breakdown,
        @JsonProperty(value = "speed", required = true) SpeedEstimate speed,
        @JsonProperty(value = "worst_case_within_budget", required = true) boolean worstCaseWithinBudget,
        @JsonProperty(value = "detector_limit", required = true) DetectorLimit detectorLimit) {
}
