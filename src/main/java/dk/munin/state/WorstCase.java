package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The most detection can cost however it goes: every shard's every attempt running the whole
 * max_job_duration (a hung container, spot instances reclaimed at the last minute) at the
 * job's price per hour. A budget holds for the run only when it holds for this.
 *
 * @param attempts              attempts Batch gives each shard (the job's RetryStrategy)
 * @param shards                the shards the job runs as
 * @param maxJobDurationSeconds the manifest's max_job_duration: Batch stops an attempt there
 * @param pricePerHourDkk       the same price the estimate uses
 * @param costDkk               attempts x shards x max_job_duration (hours) x price per hour
 */
public record WorstCase(
        @JsonProperty(value = "attempts", required = true) int attempts,
        @JsonProperty(value = "shards", required = true) int shards,
        @JsonProperty(value = "max_job_duration", required = true) int maxJobDurationSeconds,
        @JsonProperty(value = "price_per_hour_dkk", required = true) double pricePerHourDkk,
        @JsonProperty(value = "cost_dkk", required = true) double costDkk) {

    private static final double SECONDS_PER_HOUR = 3600.0;

    /**
     * @param plannedSecondsPerShard what an attempt takes when max_job_duration is 0 (no limit: only
     *                               in a direct stage call, the manifest requires at least 60 s)
     */
    public static WorstCase of(int attempts, int shards, int maxJobDurationSeconds, double plannedSecondsPerShard,
                               double pricePerHourDkk) {
        double secondsPerAttempt = maxJobDurationSeconds > 0 ? maxJobDurationSeconds : plannedSecondsPerShard;
        return new WorstCase(attempts, shards, maxJobDurationSeconds, pricePerHourDkk,
                attempts * (double) shards * secondsPerAttempt / SECONDS_PER_HOUR * pricePerHourDkk);
    }

    /** The longest max_job_duration, in whole seconds, whose worst case stays within {@code budgetDkk}. */
    public int longestJobDurationWithin(double budgetDkk) {
        return (int) Math.floor(budgetDkk / (attempts * (double) shards * pricePerHourDkk) * SECONDS_PER_HOUR);
    }
}
