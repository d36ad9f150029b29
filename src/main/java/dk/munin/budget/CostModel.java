package dk.munin.budget;

import dk.munin.state.JobCost;

/** Prices a detection job from the configured speed and instance prices. */
public class CostModel {

    /** For runs that reuse detections made elsewhere (precomputed mode): no detector time to pay for. */
    public static final CostModel NO_DETECTION = new CostModel(0, 0, 0);

    private final long msPerFrame;
    private final double spotPricePerHourDkk;
    private final double onDemandPricePerHourDkk;

    public CostModel(long msPerFrame, double spotPricePerHourDkk, double onDemandPricePerHourDkk) {
        this.msPerFrame = msPerFrame;
        this.spotPricePerHourDkk = spotPricePerHourDkk;
        this.onDemandPricePerHourDkk = onDemandPricePerHourDkk;
    }

    public static CostModel of(BudgetSettings settings) {
        return new CostModel(settings.msPerFrame(), settings.spotPricePerHourDkk(), settings.onDemandPricePerHourDkk());
    }

    public JobCost price(int photoCount, boolean useSpot) {
        return useSpot
                ? JobCost.of(photoCount, msPerFrame, spotPricePerHourDkk, "spot")
                : JobCost.of(photoCount, msPerFrame, onDemandPricePerHourDkk, "on-demand");
    }
}
