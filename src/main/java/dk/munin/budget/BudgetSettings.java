package dk.munin.budget;

import dk.munin.contract.settings.Settings;

/**
 * The price of detection (application.properties, "Budget").
 *
 * @param msPerFrame              munin.budget.ms-per-frame: detector time per photo on the Batch instance
 * @param spotPricePerHourDkk     munin.budget.price-per-hour-dkk.spot
 * @param onDemandPricePerHourDkk munin.budget.price-per-hour-dkk.on-demand
 * @param costMetric              munin.budget.cost-metric: CostEstimation logs the estimate as a CloudWatch metric
 * @param costMetricNamespace     munin.budget.cost-metric-namespace
 * @param detectorAttempts        munin.budget.detector-attempts: what Batch gives each shard, for the worst case
 * @param overWorstCase           munin.budget.worst-case-over-budget: refuse such a run, or run it and stop at the budget
 */
public record BudgetSettings(long msPerFrame, double spotPricePerHourDkk, double onDemandPricePerHourDkk,
                             boolean costMetric, String costMetricNamespace, int detectorAttempts,
                             WorstCasePolicy overWorstCase) {

    public static BudgetSettings from(Settings settings) {
        return new BudgetSettings(settings.whole("munin.budget.ms-per-frame"),
                settings.decimal("munin.budget.price-per-hour-dkk.spot"),
                settings.decimal("munin.budget.price-per-hour-dkk.on-demand"),
                settings.flag("munin.budget.cost-metric"),
                settings.text("munin.budget.cost-metric-namespace"),
                settings.integer("munin.budget.detector-attempts"),
                WorstCasePolicy.ofSetting(settings.text("munin.budget.worst-case-over-budget")));
    }
}
