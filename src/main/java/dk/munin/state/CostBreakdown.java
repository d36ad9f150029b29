package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What a run costs, component by component, priced from the price table: estimated (from the
 * photo count and the calibration) or actual (from measured durations and counts).
 *
 * @param mode       HYBRID or LOCAL (LOCAL prices everything at 0)
 * @param region     the price table's row
 * @param totalDkk   the components' sum
 * @param cpuHours   the CPU time the run takes: what a LOCAL run reports instead of money
 * @param components by name (detector, detector_start, lambda_duration, ...), in a fixed order
 */
public record CostBreakdown(
        @JsonProperty(value = "mode", required = true) String mode,
        @JsonProperty(value = "region", required = true) String region,
        @JsonProperty(value = "total_dkk", required = true) double totalDkk,
        @JsonProperty(value = "cpu_hours", required = true) double cpuHours,
        @JsonProperty(value = "components", required = true) Map<String, ComponentCost> components) {

    /**
     * One component.
     *
     * @param dkk      what it costs
     * @param quantity how much of it the run uses, in {@code unit}
     * @param unit     instance-hours, GB-seconds, requests, state transitions, GB-months, GB
     */
    public record ComponentCost(
            @JsonProperty(value = "dkk", required = true) double dkk,
            @JsonProperty(value = "quantity", required = true) double quantity,
            @JsonProperty(value = "unit", required = true) String unit) {
    }

    public double dkk(String component) {
        ComponentCost cost = components.get(component);
        return cost == null ? 0 : cost.dkk();
    }
}
