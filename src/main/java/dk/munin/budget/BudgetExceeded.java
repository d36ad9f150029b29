package dk.munin.budget;

import dk.munin.state.JobCost;
import dk.munin.state.PipelineError;
import dk.munin.state.WorstCase;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** The run would, or could, cost more than the manifest's budget_dkk; nothing has been spent on detection. */
public class BudgetExceeded extends PipelineError {

    /** The expected cost is over the budget: the message says the budget it needs and the most photos the budget pays for. */
    public BudgetExceeded(JobCost cost, double budgetDkk) {
        super(String.format(Locale.ROOT,
                "Estimated cost %.4f DKK exceeds budget_dkk %s DKK: %d photos x %d ms/frame at %.2f DKK/hour (%s). "
                        + "Raise budget_dkk to at least %s, or lower max_images to at most %d.",
                cost.estimatedCostDkk(), plain(budgetDkk), cost.fileCount(), cost.msPerFrame(),
                cost.pricePerHourDkk(), cost.compute(), plain(centsUp(cost.estimatedCostDkk())),
                cost.largestFileCountWithin(budgetDkk)));
    }

    /**
     * The expected cost fits, but the worst case does not: the run could overrun, so it does not
     * start. The message says what would make it fit.
     */
    public BudgetExceeded(WorstCase worst, JobCost expected, double budgetDkk, int minJobDurationSeconds) {
        super(String.format(Locale.ROOT,
                "Worst-case cost %.4f DKK exceeds budget_dkk %s DKK, although the expected cost is %.4f DKK: "
                        + "%d attempts x %d shards x max_job_duration %d s at %.2f DKK/hour (%s), if every attempt ran "
                        + "until Batch stops it. %s",
                worst.costDkk(), plain(budgetDkk), expected.estimatedCostDkk(), worst.attempts(), worst.shards(),
                worst.maxJobDurationSeconds(), worst.pricePerHourDkk(), expected.compute(), remedy(worst, budgetDkk, minJobDurationSeconds)));
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
