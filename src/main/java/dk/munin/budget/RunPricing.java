package dk.munin.budget;

import dk.munin.manifest.BudgetMode;
import dk.munin.state.CostBreakdown.ComponentCost;
import dk.munin.state.CostBreakdown;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prices a run's usage component by component from one row of the price table. LOCAL runs are
 * priced at 0 (nothing is bought) but keep their quantities and CPU-hours.
 */
public final class RunPricing {

    private static final double SECONDS_PER_HOUR = 3600.0;
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private final PriceTable prices;
    private final int storageMonths;
    private final int downloads;

    /**
     * @param storageMonths munin.budget.s3.storage-months: how long the outputs are priced as kept
     * @param downloads     munin.budget.transfer.downloads: how often the outputs are downloaded out of AWS
     */
    public RunPricing(PriceTable prices, int storageMonths, int downloads) {
        this.prices = prices;
        this.storageMonths = storageMonths;
        this.downloads = downloads;
    }

    public PriceTable prices() {
        return prices;
    }

    /** @param detectorPerHourDkk the detector instance's price per hour, as the seed's calculate_job_cost uses it */
    public CostBreakdown price(RunUsage usage, BudgetMode mode, double detectorPerHourDkk) {
        PriceTable row = mode.spendsMoney() ? prices : prices.free();
        double perHour = mode.spendsMoney() ? detectorPerHourDkk : 0;
        Map<String, ComponentCost> parts = new LinkedHashMap<>();
        double detectorHours = usage.detectorSeconds() / SECONDS_PER_HOUR;
        double startHours = usage.detectorStartSeconds() / SECONDS_PER_HOUR;
        put(parts, CostComponent.DETECTOR, detectorHours * perHour, detectorHours);
        put(parts, CostComponent.DETECTOR_START, startHours * perHour, startHours);
        put(parts, CostComponent.LAMBDA_DURATION, usage.lambdaGbSeconds() * row.lambdaGbSecond(), usage.lambdaGbSeconds());
        put(parts, CostComponent.LAMBDA_REQUESTS, usage.lambdaRequests() * row.lambdaRequest(), usage.lambdaRequests());
        put(parts, CostComponent.STEP_FUNCTIONS, usage.stateTransitions() * row.stateTransition(), usage.stateTransitions());
        put(parts, CostComponent.S3_READS, usage.s3Reads() * row.s3Read(), usage.s3Reads());
        put(parts, CostComponent.S3_WRITES, usage.s3Writes() * row.s3Write(), usage.s3Writes());
        double gbMonths = usage.storedGb() * storageMonths;
        put(parts, CostComponent.S3_STORAGE,
                gbMonths * row.s3GbMonth() + usage.storedObjects() * storageMonths * row.s3MonitoredObject(), gbMonths);
        double downloadedGb = usage.storedGb() * downloads;
        put(parts, CostComponent.TRANSFER_OUT, downloadedGb * row.transferOutGb(), downloadedGb);
        put(parts, CostComponent.LOGS, usage.logsGb() * row.logsIngestedGb(), usage.logsGb());
        double total = parts.values().stream().mapToDouble(ComponentCost::dkk).sum();
        return new CostBreakdown(mode.name(), prices.region(), total, usage.cpuHours(), parts);
    }

    public static double gigabytes(long bytes) {
        return bytes / BYTES_PER_GB;
    }

    private static void put(Map<String, ComponentCost> parts, CostComponent component, double dkk, double quantity) {
        parts.put(component.jsonName(), new ComponentCost(dkk, quantity, component.unit()));
    }
}
