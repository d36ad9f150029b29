package dk.munin.budget;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The seed's calculate_job_cost: photos x ms per frame x price per hour, with the inputs
 * kept beside the result so a researcher can see where a figure comes from.
 */
public record JobCost(
        @JsonProperty("file_count") int fileCount,
        @JsonProperty("ms_per_frame") long msPerFrame,
        @JsonProperty("price_per_hour_dkk") double pricePerHourDkk,
        @JsonProperty("compute") String compute,
        @JsonProperty("estimated_hours") double estimatedHours,
        @JsonProperty("estimated_cost") double estimatedCostDkk,
        @JsonProperty("cost_per_file") double costPerFileDkk) {

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

    public boolean exceeds(double budgetDkk) {
        return estimatedCostDkk > budgetDkk;
    }
}
