package dk.munin.budget;

import dk.munin.contract.settings.Settings;

/**
 * The price of detection (application.properties, "Budget").
 *
 * @param msPerFrame              munin.budget.ms-per-frame: detector time per photo on the Batch instance
 * @param spotPricePerHourDkk     munin.budget.price-per-hour-dkk.spot
 * @param onDemandPricePerHourDkk munin.budget.price-per-hour-dkk.on-demand
 */
public record BudgetSettings(long msPerFrame, double spotPricePerHourDkk, double onDemandPricePerHourDkk) {

    public static BudgetSettings from(Settings settings) {
        return new BudgetSettings(settings.whole("munin.budget.ms-per-frame"),
                settings.decimal("munin.budget.price-per-hour-dkk.spot"),
                settings.decimal("munin.budget.price-per-hour-dkk.on-demand"));
    }
}
