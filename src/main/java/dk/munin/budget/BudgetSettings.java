package dk.munin.budget;

import dk.munin.contract.settings.Settings;

/**
 * What the budget is priced and held with (application.properties, "Budget" and "Prices").
 *
 * @param msPerFrame          munin.budget.ms-per-frame: the detector's time per photo when the calibration table has no row
 * @param startupSeconds      munin.budget.startup-seconds: a shard's start-up when the calibration table has no row
 * @param safetyFactor        munin.budget.ms-per-frame-safety-factor: what a calibrated ms per frame is multiplied by
 * @param costMetric          munin.budget.cost-metric: CostEstimation logs the estimate as a CloudWatch metric
 * @param costMetricNamespace munin.budget.cost-metric-namespace
 * @param detectorAttempts    munin.budget.detector-attempts: what Batch gives each shard, for the worst case
 * @param overWorstCase       munin.budget.worst-case-over-budget: refuse such a run, or run it and stop at the budget
 * @param prices              the price table's row for munin.price.region
 * @param instance            the instance a detector shard takes
 * @param usage               what a run uses besides the detector
 * @param storageMonths       munin.budget.s3.storage-months: how long the outputs are priced as kept
 * @param downloads           munin.budget.transfer.downloads: how often the outputs are priced as downloaded
 * @param detectorSpeeds      munin.budget.detector-speeds: the calibration table's classpath resource; empty for none
 */
public record BudgetSettings(long msPerFrame, double startupSeconds, double safetyFactor, boolean costMetric,
                             String costMetricNamespace, int detectorAttempts, WorstCasePolicy overWorstCase,
                             PriceTable prices, DetectorInstance instance, UsageModel usage, int storageMonths, int downloads,
                             String detectorSpeeds) {

    public static BudgetSettings from(Settings settings) {
        double safety = settings.decimal("munin.budget.ms-per-frame-safety-factor");
        if (safety < 1) {
            throw new IllegalStateException("munin.budget.ms-per-frame-safety-factor must be at least 1, got " + safety
                    + ": below 1 it would make the estimate faster than the detector was measured");
        }
        return new BudgetSettings(settings.whole("munin.budget.ms-per-frame"),
                settings.decimal("munin.budget.startup-seconds"),
                safety,
                settings.flag("munin.budget.cost-metric"),
                settings.text("munin.budget.cost-metric-namespace"),
                settings.integer("munin.budget.detector-attempts"),
                WorstCasePolicy.ofSetting(settings.text("munin.budget.worst-case-over-budget")),
                PriceTable.from(settings),
                DetectorInstance.from(settings),
                UsageModel.from(settings),
                settings.integer("munin.budget.s3.storage-months"),
                settings.integer("munin.budget.transfer.downloads"),
                settings.optional("munin.budget.detector-speeds").orElse("").trim());
    }

    public RunPricing pricing() {
        return new RunPricing(prices, storageMonths, downloads);
    }
}
