package dk.munin.testing;

import dk.munin.budget.BudgetExceeded;
import dk.munin.budget.ConfiguredSpeed;
import dk.munin.budget.CostAccounting;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.DetectionSharding;
import dk.munin.budget.DetectorInstance;
import dk.munin.budget.PriceTable.BatchPrices;
import dk.munin.budget.PriceTable.Family;
import dk.munin.budget.PriceTable.Rate;
import dk.munin.budget.PriceTable;
import dk.munin.budget.RunEstimate;
import dk.munin.budget.RunEstimator;
import dk.munin.budget.RunPricing;
import dk.munin.budget.UsageModel;
import dk.munin.budget.WorstCasePolicy;
import dk.munin.manifest.Budget;
import dk.munin.manifest.BudgetMode;

import java.util.List;

/**
 * Price tables and estimators made by hand, so a test's figures can be worked out on paper: the
 * detector instance (4 vCPUs, no memory priced) costs the given DKK an hour, and everything else
 * costs what the test says (nothing, unless it says otherwise).
 */
public final class TestBudgets {

    /** application.properties: the job's RetryStrategy, and the shortest max_job_duration a manifest may give. */
    public static final int ATTEMPTS = 2;
    public static final int MIN_JOB_DURATION = 60;

    private TestBudgets() {
    }

    /** A row where the detector costs {@code spotPerHour} / {@code onDemandPerHour} DKK an hour (both families) and nothing else costs. */
    public static PriceTable detectorOnly(double spotPerHour, double onDemandPerHour) {
        Rate spot = new Rate(spotPerHour / 4, 0);
        Rate onDemand = new Rate(onDemandPerHour / 4, 0);
        return new PriceTable("test-region", 1, new BatchPrices(onDemand, spot, onDemand, spot), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The detector instance of the stack: 4 vCPUs, no instance start (a local-process detector). */
    public static DetectorInstance instance() {
        return new DetectorInstance(4, 8, 16, Family.C5, 0);
    }

    /** No Lambda stages, no transitions, no S3 or logs: only the detector is priced. */
    public static UsageModel nothingElse() {
        return new UsageModel(List.of(), 0, 0, 0, 0, 0, 0, 0);
    }

    public static RunEstimator estimator(long msPerFrame, PriceTable prices, UsageModel usage, int maxShards) {
        return new RunEstimator(new ConfiguredSpeed(msPerFrame, 0, "test host", "a test's figure"), instance(),
                new RunPricing(prices, 1, 1), usage, new DetectionSharding(maxShards, 0.8), ATTEMPTS,
                new RunEstimator.Where(false, 2));
    }

    /** The seed's example budget: 25 DKK, HYBRID, spot, up to a million photos. */
    public static Budget budget(double maxDkk) {
        return new Budget(maxDkk, BudgetMode.HYBRID, 2880, 1_000_000, true);
    }

    /** {@code photos} at 1,500 ms a frame and 1 DKK an hour, only the detector priced, one shard. */
    public static RunEstimate detectorOnlyEstimate(int photos) {
        return estimator(1500, detectorOnly(1.0, 1.0), nothingElse(), 100).estimate(photos, budget(1000), 0);
    }

    /** What GuardBudget throws for {@code photos} at 1,500 ms a frame and 1 DKK an hour, over {@code budgetDkk}. */
    public static BudgetExceeded overBudget(int photos, double budgetDkk) {
        RunEstimator estimator = estimator(1500, detectorOnly(1.0, 1.0), nothingElse(), 100);
        return new BudgetExceeded(estimator.estimate(photos, budget(budgetDkk), 0), budgetDkk,
                estimator.largestPhotoCountWithin(budget(budgetDkk), 0, photos));
    }

    /** The report's accounting with the same hand-made table: only the detector, at 0.45 DKK an hour on spot. */
    public static CostAccounting accounting() {
        return new CostAccounting(new RunPricing(detectorOnly(0.45, 1.30), 1, 1), instance(), nothingElse(),
                new RunEstimator.Where(false, 2));
    }

    /** Only the detector priced, at {@code msPerFrame} and the given prices per hour; refusing a worst case over budget. */
    public static DetectionBudget detectorOnlyBudget(long msPerFrame, double spotPerHour, double onDemandPerHour, int maxShards) {
        return new DetectionBudget(estimator(msPerFrame, detectorOnly(spotPerHour, onDemandPerHour), nothingElse(), maxShards),
                WorstCasePolicy.REFUSE, MIN_JOB_DURATION);
    }
}
