package dk.munin.budget;

import dk.munin.state.JobCost;
import dk.munin.state.WorstCase;

/**
 * Whether a detection job fits budget_dkk, asked the same way by GuardBudget (on the photos
 * listed, before any is read) and CostEstimation (on the photos Stage-0 read): the expected cost
 * must fit, and so must the worst case, every attempt of every shard running the whole
 * max_job_duration. Otherwise the run is refused with BudgetExceeded before anything is spent.
 */
public final class DetectionBudget {

    private final DetectionSharding sharding;
    private final int attempts;
    private final int minJobDurationSeconds;

    /** The shards the job runs as, and what it could cost at most. */
    public record Plan(int shards, WorstCase worstCase) {
    }

    /**
     * @param attempts              munin.budget.detector-attempts: what Batch gives each shard (the job's RetryStrategy)
     * @param minJobDurationSeconds munin.manifest.min-job-duration: the shortest max_job_duration a refusal may suggest
     */
    public DetectionBudget(DetectionSharding sharding, int attempts, int minJobDurationSeconds) {
        this.sharding = sharding;
        this.attempts = attempts;
        this.minJobDurationSeconds = minJobDurationSeconds;
    }

    /**
     * @throws BudgetExceeded when the expected cost, or else the worst case, is over the budget
     * @throws dk.munin.manifest.InvalidManifest when even the most shards would each outrun max_job_duration
     */
    public Plan plan(JobCost cost, double budgetDkk, int maxJobDurationSeconds) {
        if (cost.exceeds(budgetDkk)) {
            throw new BudgetExceeded(cost, budgetDkk);
        }
        int shards = sharding.shards(cost.detectorSeconds(), maxJobDurationSeconds);
        WorstCase worst = WorstCase.of(attempts, shards, maxJobDurationSeconds, cost.detectorSeconds() / shards,
                cost.pricePerHourDkk());
        if (worst.costDkk() > budgetDkk) {
            throw new BudgetExceeded(worst, cost, budgetDkk, minJobDurationSeconds);
        }
        return new Plan(shards, worst);
    }
}
