package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The most a run can cost however detection goes: every shard's every attempt running the whole
 * max_job_duration (a hung container, spot instances reclaimed at the last minute) at the
 * dearest instance family's price per hour, plus the other components as expected. A budget
 * holds for the run only when it holds for this.
 *
 * @param attempts              attempts Batch gives each shard (the job's RetryStrategy)
 * @param shards                the shards the job runs as
 * @param maxJobDurationSeconds the manifest's max_job_duration: Batch stops an attempt there
 * @param pricePerHourDkk       the dearest family the compute environment may start (c5 or m5), same purchase option
 * @param otherComponentsDkk    Lambda, Step Functions, S3, transfer and logs, as expected
 * @param costDkk               attempts x shards x max_job_duration (hours) x price per hour, plus the other components
 */
public record WorstCase(
        @JsonProperty(value = "attempts", required = true) int attempts,
        @JsonProperty(value = "shards", required = true) int shards,
        @JsonProperty(value = "max_job_duration", required = true) int maxJobDurationSeconds,
        @JsonProperty(value = "price_per_hour_dkk", required = true) double pricePerHourDkk,
        @JsonProperty(value = "other_components_dkk", required = true) double otherComponentsDkk,
        @JsonProperty(value = "cost_dkk", required = true) double costDkk) {

    private static final double SECONDS_PER_HOUR = 3600.0;

    /**
     * @param plannedSecondsPerShard what an attempt takes when max_job_duration is 0 (no limit: only
     *                               in a direct stage call, the manifest requires at least 60 s)
     */
    public static WorstCase of(int attempts, int shards, int maxJobDurationSeconds, double plannedSecondsPerShard,
                               double pricePerHourDkk, double otherComponentsDkk) {
        double secondsPerAttempt = maxJobDurationSeconds > 0 ? maxJobDurationSeconds : plannedSecondsPerShard;
        return new WorstCase(attempts, shards, maxJobDurationSeconds, pricePerHourDkk, otherComponentsDkk,
                attempts * (double) shards * secondsPerAttempt / SECONDS_PER_HOUR * pricePerHourDkk + otherComponentsDkk);
    }

    /** What detection alone could cost. */
    public double detectionDkk() {
        return costDkk - otherComponentsDkk;
    }

    /** The longest max_job_duration, in whole seconds, whose worst case stays within {@code budgetDkk}. */
    public int longestJobDurationWithin(double budgetDkk) {
        double forDetection = budgetDkk - otherComponentsDkk;
        return forDetection <= 0 ? 0 : (int) Math.floor(forDetection / (attempts * (double) shards * pricePerHourDkk) * SECONDS_PER_HOUR);
    }
}
