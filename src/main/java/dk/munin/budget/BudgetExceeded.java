package dk.munin.budget;

import dk.munin.state.JobCost;
import dk.munin.state.PipelineError;

/** The run would cost more than the manifest's budget_dkk; nothing has been spent on detection. */
public class BudgetExceeded extends PipelineError {

    public BudgetExceeded(JobCost cost, double budgetDkk) {
        super(String.format(java.util.Locale.ROOT,
                "Estimated cost %.4f DKK exceeds budget_dkk %s DKK: %d photos x %d ms/frame at %.2f DKK/hour (%s). "
                        + "Raise budget_dkk or lower max_images.",
                cost.estimatedCostDkk(), plain(budgetDkk), cost.fileCount(), cost.msPerFrame(),
                cost.pricePerHourDkk(), cost.compute()));
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
