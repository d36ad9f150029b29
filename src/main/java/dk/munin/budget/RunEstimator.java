package dk.munin.budget;

import dk.munin.manifest.Budget;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.CostBreakdown;
import dk.munin.state.JobCost;
import dk.munin.state.SpeedEstimate;
import dk.munin.state.WorstCase;

/**
 * Estimates a whole run from its photo count before it runs, component by component: the
 * detector by the seed's calculate_job_cost at the calibrated speed, the shards' start-up, and
 * Lambda, Step Functions, S3, transfer and logs from the usage model, all priced by one row of
 * the price table. GuardBudget asks with the photos listed, CostEstimation with the photos read.
 */
public final class RunEstimator {

    private final DetectorSpeed speed;
    private final DetectorInstance instance;
    private final RunPricing pricing;
    private final UsageModel usage;
    private final DetectionSharding sharding;
    private final int attempts;
    private final Where where;

    /**
     * Where the detector runs, which decides its start-up and the CPUs it keeps busy.
     *
     * @param batch       on AWS Batch: each shard also pays for its instance's start
     * @param localCpus   the CPUs of this machine, for a local-process detector's CPU-hours
     */
    public record Where(boolean batch, int localCpus) {
    }

    /**
     * @param attempts munin.budget.detector-attempts: what Batch gives each shard (the job's RetryStrategy)
     */
    public RunEstimator(DetectorSpeed speed, DetectorInstance instance, RunPricing pricing, UsageModel usage,
                        DetectionSharding sharding, int attempts, Where where) {
        this.speed = speed;
        this.instance = instance;
        this.pricing = pricing;
        this.usage = usage;
        this.sharding = sharding;
        this.attempts = attempts;
        this.where = where;
    }

    /**
     * @throws dk.munin.manifest.InvalidManifest when even the most shards would each outrun max_job_duration
     */
    public RunEstimate estimate(int photos, Budget budget, int maxJobDurationSeconds) {
        SpeedEstimate detector = speed.estimate();
        PriceTable prices = pricing.prices();
        boolean spends = budget.mode().spendsMoney();
        double perHour = spends ? instance.expectedPerHourDkk(prices, budget.useSpot()) : 0;
        JobCost detection = JobCost.of(photos, detector.msPerFrame(), perHour,
                spends ? instance.describe(budget.useSpot()) : "this machine (LOCAL: 0 DKK)");
        int shards = sharding.shards(detection.detectorSeconds(), maxJobDurationSeconds);
        boolean detects = detector.msPerFrame() > 0;
        double startPerShard = detects ? detector.startupSeconds() + (where.batch() ? instance.instanceStartSeconds() : 0) : 0;
        RunUsage used = usage.estimate(photos, detection.detectorSeconds(), shards * startPerShard, detectorCpus());
        CostBreakdown breakdown = pricing.price(used, budget.mode(), perHour);
        double others = RunEstimate.otherThanDetection(breakdown);
        double dearest = spends && detects ? instance.dearestPerHourDkk(prices, budget.useSpot()) : 0;
        WorstCase worst = WorstCase.of(attempts, shards, maxJobDurationSeconds,
                detection.detectorSeconds() / shards + startPerShard, dearest, others);
        return new RunEstimate(detection, breakdown, shards, worst, detector);
    }

    /**
     * The most photos (at most {@code upTo}) whose expected cost fits {@code budgetDkk}: the
     * largest max_images a refusal can suggest. The cost grows with the photos, so a binary search.
     */
    public int largestPhotoCountWithin(Budget budget, int maxJobDurationSeconds, int upTo) {
        int low = 0;
        int high = upTo;
        while (low < high) {
            int middle = low + (high - low + 1) / 2;
            if (fits(middle, budget, maxJobDurationSeconds)) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private boolean fits(int photos, Budget budget, int maxJobDurationSeconds) {
        try {
            return estimate(photos, budget, maxJobDurationSeconds).breakdown().totalDkk() <= budget.maxDkk();
        } catch (InvalidManifest tooManyForTheShards) {
            return false;
        }
    }

    private int detectorCpus() {
        return where.batch() ? instance.vcpus() : where.localCpus();
    }
}
