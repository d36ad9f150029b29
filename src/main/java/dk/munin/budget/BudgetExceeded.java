package dk.munin.budget;

import dk.munin.state.CostBreakdown;
import dk.munin.state.JobCost;
import dk.munin.state.PipelineError;
import dk.munin.state.WorstCase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The run would, or could, cost more than the manifest's budget_dkk; nothing has been spent on
 * detection. It carries the breakdown, the budget, the budget that would be needed and, for the
 * expected cost, the largest max_images that would fit; the message says them all.
 */
public class BudgetExceeded extends PipelineError {

    private final CostBreakdown breakdown;
    private final double budgetDkk;
    private final double budgetNeededDkk;
    private final Integer largestMaxImages;

    /** The expected cost is over the budget: the message says the budget it needs and the most photos the budget pays for. */
    public BudgetExceeded(RunEstimate estimate, double budgetDkk, int largestMaxImages) {
        super(String.format(Locale.ROOT, "Estimated cost %.4f DKK exceeds budget_dkk %s DKK: %s. Raise budget_dkk to at least %s%s",
                estimate.breakdown().totalDkk(), plain(budgetDkk), itemised(estimate), plain(centsUp(estimate.breakdown().totalDkk())),
                largestMaxImages > 0 ? ", or lower max_images to at most " + largestMaxImages + "."
                        // what every run pays (Step Functions, the stages, S3) is over the budget by itself
                        : ": even without a photo the run's fixed costs are over budget_dkk."));
        this.breakdown = estimate.breakdown();
        this.budgetDkk = budgetDkk;
        this.budgetNeededDkk = centsUp(estimate.breakdown().totalDkk());
        this.largestMaxImages = largestMaxImages;
    }

    /**
     * The expected cost fits, but the worst case does not: the run could overrun, so it does not
     * start (munin.budget.worst-case-over-budget = refuse). The message says what would make it fit.
     */
    public BudgetExceeded(WorstCase worst, RunEstimate expected, double budgetDkk, int minJobDurationSeconds) {
        super(String.format(Locale.ROOT,
                "Worst-case cost %.4f DKK exceeds budget_dkk %s DKK, although the expected cost is %.4f DKK: "
                        + "%d attempts x %d shards x max_job_duration %d s at %.2f DKK/hour (the dearest instance family "
                        + "the compute environment may start), if every attempt ran until Batch stops it, plus %.4f DKK for the "
                        + "other components. %s "
                        + "(munin.budget.worst-case-over-budget = refuse; stop-at-budget would run it and stop the detector at the budget.)",
                worst.costDkk(), plain(budgetDkk), expected.breakdown().totalDkk(), worst.attempts(), worst.shards(),
                worst.maxJobDurationSeconds(), worst.pricePerHourDkk(), worst.otherComponentsDkk(),
                remedy(worst, budgetDkk, minJobDurationSeconds)));
        this.breakdown = expected.breakdown();
        this.budgetDkk = budgetDkk;
        this.budgetNeededDkk = centsUp(worst.costDkk());
        this.largestMaxImages = null;
    }

    public CostBreakdown breakdown() {
        return breakdown;
    }

    public double budgetDkk() {
        return budgetDkk;
    }

    public double budgetNeededDkk() {
        return budgetNeededDkk;
    }

    /** The most photos the budget pays for; null when it was the worst case, not the photo count, that did not fit. */
    public Integer largestMaxImages() {
        return largestMaxImages;
    }

    /** "detector 0.2813 DKK (1500 photos x 1500 ms/frame at 1.17 DKK/hour, c5.xlarge spot), detector_start 0.0194, ..." */
    private static String itemised(RunEstimate estimate) {
        JobCost detection = estimate.detection();
        StringJoiner parts = new StringJoiner(", ");
        estimate.breakdown().components().forEach((name, cost) -> parts.add(name.equals(CostComponent.DETECTOR.jsonName())
                ? String.format(Locale.ROOT, "%s %.4f DKK (%d photos x %d ms/frame at %.2f DKK/hour, %s)", name, cost.dkk(),
                        detection.fileCount(), detection.msPerFrame(), detection.pricePerHourDkk(), detection.compute())
                : String.format(Locale.ROOT, "%s %.4f", name, cost.dkk())));
        return parts.toString();
    }

    private static String remedy(WorstCase worst, double budgetDkk, int minJobDurationSeconds) {
        String budgetNeeded = "budget_dkk to at least " + plain(centsUp(worst.costDkk()));
        int longest = worst.longestJobDurationWithin(budgetDkk);
        // a max_job_duration below Batch's 60 s is no advice: then only a larger budget helps
        return longest >= minJobDurationSeconds
                ? "Lower max_job_duration to at most " + longest + " s, or raise " + budgetNeeded + "."
                : "Raise " + budgetNeeded + ".";
    }

    /** Up to the next øre, without binary noise turning 5.40 into 5.41. */
    private static double centsUp(double dkk) {
        return BigDecimal.valueOf(dkk).setScale(2, RoundingMode.CEILING).doubleValue();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
