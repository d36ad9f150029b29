package dk.munin.budget;

import dk.munin.manifest.Budget;

/**
 * Whether a run fits budget_dkk, asked the same way by GuardBudget (on the photos listed, before
 * any is read) and CostEstimation (on the photos Stage-0 read): the expected cost of every
 * component must fit, and so must the worst case, every attempt of every shard running the whole
 * max_job_duration. Otherwise the run is refused with BudgetExceeded before anything is spent, or,
 * under {@link WorstCasePolicy#STOP_AT_BUDGET}, a worst case over the budget is let through for
 * the detector to hold.
 */
public final class DetectionBudget {

    private final RunEstimator estimator;
    private final WorstCasePolicy overWorstCase;
    private final int minJobDurationSeconds;

    /**
     * The estimate a run goes on with.
     *
     * @param worstCaseWithinBudget false when the worst case is over the budget and the run goes on
     *                              under {@link WorstCasePolicy#STOP_AT_BUDGET}
     */
    public record Plan(RunEstimate estimate, boolean worstCaseWithinBudget) {

        public int shards() {
            return estimate.shards();
        }
    }

    /**
     * @param overWorstCase         munin.budget.worst-case-over-budget
     * @param minJobDurationSeconds munin.manifest.min-job-duration: the shortest max_job_duration a refusal may suggest
     */
    public DetectionBudget(RunEstimator estimator, WorstCasePolicy overWorstCase, int minJobDurationSeconds) {
        this.estimator = estimator;
        this.overWorstCase = overWorstCase;
        this.minJobDurationSeconds = minJobDurationSeconds;
    }

    /**
     * @throws BudgetExceeded when the expected cost, or else (under {@link WorstCasePolicy#REFUSE}) the worst case, is over the budget
     * @throws dk.munin.manifest.InvalidManifest when even the most shards would each outrun max_job_duration
     */
    public Plan plan(int photos, Budget budget, int maxJobDurationSeconds) {
        RunEstimate estimate = estimator.estimate(photos, budget, maxJobDurationSeconds);
        if (estimate.breakdown().totalDkk() > budget.maxDkk()) {
            throw new BudgetExceeded(estimate, budget.maxDkk(),
                    estimator.largestPhotoCountWithin(budget, maxJobDurationSeconds, photos));
        }
        boolean within = estimate.worstCase().costDkk() <= budget.maxDkk();
        if (!within && overWorstCase == WorstCasePolicy.REFUSE) {
            throw new BudgetExceeded(estimate.worstCase(), estimate, budget.maxDkk(), minJobDurationSeconds);
        }
        return new Plan(estimate, within);
    }
}
