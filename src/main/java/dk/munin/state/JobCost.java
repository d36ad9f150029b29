package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's calculate_job_cost: photos x ms per frame x price per hour, with the inputs
 * kept beside the result so a researcher can see where a figure comes from.
 */
public record JobCost(
        @JsonProperty(value = "file_count", required = true) int fileCount,
        @JsonProperty(value = "ms_per_frame", required = true) long msPerFrame,
        @JsonProperty(value = "price_per_hour_dkk", required = true) double pricePerHourDkk,
        @JsonProperty(value = "compute", required = true) String compute,
        @JsonProperty(value = "estimated_hours", required = true) double estimatedHours,
        @JsonProperty(value = "estimated_cost", required = true) double estimatedCostDkk,
        @JsonProperty(value = "cost_per_file", required = true) double costPerFileDkk) {

    private static final double MS_PER_HOUR = 1000.0 * 60 * 60;

    public static JobCost of(int fileCount, long msPerFrame, double pricePerHourDkk, String compute) {
        double hours = fileCount * msPerFrame / MS_PER_HOUR;
        double cost = hours * pricePerHourDkk;
        return new JobCost(fileCount, msPerFrame, pricePerHourDkk, compute, hours, cost,
                fileCount > 0 ? cost / fileCount : 0);
    }

    /** The detector time the estimate assumes, in seconds: what sharding divides up. */
    @JsonIgnore
    public double detectorSeconds() {
        return fileCount * (double) msPerFrame / 1000.0;
    }

    /** The most photos whose detection at this speed and price costs at most {@code budgetDkk}. */
    public long largestFileCountWithin(double budgetDkk) {
        double costPerPhoto = msPerFrame / MS_PER_HOUR * pricePerHourDkk;
        return costPerPhoto <= 0 ? Long.MAX_VALUE : (long) Math.floor(budgetDkk / costPerPhoto);
    }

    public boolean exceeds(double budgetDkk) {
        return estimatedCostDkk > budgetDkk;
    }
}
