package dk.munin.manifest;

/**
 * The seed's {@code Budget(max_dkk, mode, max_runtime_min, max_images, use_spot)}, as the
 * manifest gives it (docs/manifest.md, "Budget").
 *
 * @param maxDkk        budget_dkk: the most the run may spend, in DKK; the guard and CostEstimation
 *                      refuse a run whose expected cost or worst case is over it, and the detector
 *                      stops when its measured spend would pass it
 * @param mode          where the work is done, and so how it is priced
 * @param maxRuntimeMin max_runtime_min: minutes from the run's start after which the detector stops
 *                      and the run ends BudgetExhausted with what was detected so far
 * @param maxImages     max_images: at most this many photos are taken from the input
 * @param useSpot       use_spot: the detector runs on the spot job queue (cheaper, can be reclaimed)
 */
public record Budget(double maxDkk, BudgetMode mode, int maxRuntimeMin, int maxImages, boolean useSpot) {
}
