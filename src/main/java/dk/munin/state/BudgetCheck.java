package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code guard_budget}: what GuardBudget adds once the manifest is accepted.
 *
 * @param workUri       the session's work folder, {@code <output_uri>/_work/<session_id>/}
 * @param budgetDkk     the manifest's budget
 * @param guardEstimate the cost of detecting the photos found by listing the input (capped at max_images)
 * @param breakdown     the whole run's expected cost for those photos, component by component
 * @param photoBatches  whether Stage-0 reads them in one invocation or in batches, and how
 */
public record BudgetCheck(
        @JsonProperty(value = "work_uri", required = true) String workUri,
        @JsonProperty(value = "budget_dkk", required = true) double budgetDkk,
        @JsonProperty(value = "guard_estimate", required = true) JobCost guardEstimate,
        @JsonProperty(value = "breakdown", required = true) CostBreakdown breakdown,
        @JsonProperty(value = "photo_batches", required = true) PhotoBatchPlan photoBatches) {
}
