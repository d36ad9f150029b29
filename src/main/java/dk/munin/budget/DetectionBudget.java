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
    private final WorstCasePolicy overWorstCase;

    /**
     * The shards the job runs as, and what it could cost at most.
     *
     * @param worstCaseWithinBudget false when the worst case is over the budget and the run goes on
     *                              under {@link WorstCasePolicy#STOP_AT_BUDGET}
     */
    public record Plan(int shards, WorstCase worstCase, boolean worstCaseWithinBudget) {
    }

    /**
     * @param attempts              munin.budget.detector-attempts: what Batch gives each shard (the job's RetryStrategy)
     * @param minJobDurationSeconds munin.manifest.min-job-duration: the shortest max_job_duration a refusal may suggest
     * @param overWorstCase         munin.budget.worst-case-over-budget
     */
    public DetectionBudget(DetectionSharding sharding, int attempts, int minJobDurationSeconds, WorstCasePolicy overWorstCase) {
        this.sharding = sharding;
        this.attempts = attempts;
        this.minJobDurationSeconds = minJobDurationSeconds;
        this.overWorstCase = overWorstCase;
    }

    /**
     * @throws BudgetExceeded when the expected cost, or else (under {@link WorstCasePolicy#REFUSE}) the worst case, is over the budget
     * @throws dk.munin.manifest.InvalidManifest when even the most shards would each outrun max_job_duration
     */
    public Plan plan(JobCost cost, double budgetDkk, int maxJobDurationSeconds) {
        if (cost.exceeds(budgetDkk)) {
            throw new BudgetExceeded(cost, budgetDkk);
        }
        int shards = sharding.shards(cost.detectorSeconds(), maxJobDurationSeconds);
        WorstCase worst = WorstCase.of(attempts, shards, maxJobDurationSeconds, cost.detectorSeconds() / shards,
                cost.pricePerHourDkk());
        boolean within = worst.costDkk() <= budgetDkk;
        if (!within && overWorstCase == WorstCasePolicy.REFUSE) {
            throw new BudgetExceeded(worst, cost, budgetDkk, minJobDurationSeconds);
        }
        return new Plan(shards, worst, within);
    }
}
