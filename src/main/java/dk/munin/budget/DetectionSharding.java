package dk.munin.budget;

import dk.munin.manifest.InvalidManifest;
import dk.munin.state.RunState;

import java.util.Locale;

/**
 * How many shards (AWS Batch array children) the detection job is split into, so that each
 * finishes well inside max_job_duration: ceil(estimated detector seconds / (max_job_duration x
 * safety fraction)), at least 1 and at most {@code maxShards}. The estimate is RunEstimator's
 * ms per frame, the same figure the price comes from.
 */
public final class DetectionSharding {

    /** AWS Batch's largest array job. */
    public static final int BATCH_ARRAY_LIMIT = 10_000;

    private final int maxShards;
    private final double safetyFraction;

    /**
     * @param maxShards      munin.detect.max-shards, 1 to 10,000
     * @param safetyFraction munin.detect.shard-safety-fraction: the part of max_job_duration a shard is planned to use
     */
    public DetectionSharding(int maxShards, double safetyFraction) {
        if (maxShards < 1 || maxShards > BATCH_ARRAY_LIMIT) {
            throw new IllegalArgumentException("munin.detect.max-shards must be 1 to " + BATCH_ARRAY_LIMIT + ", got " + maxShards);
        }
        if (!(safetyFraction > 0 && safetyFraction <= 1)) {
            throw new IllegalArgumentException("munin.detect.shard-safety-fraction must be above 0 and at most 1, got " + safetyFraction);
        }
        this.maxShards = maxShards;
        this.safetyFraction = safetyFraction;
    }

    /**
     * @param detectorSeconds       the estimated detector time of the whole job
     * @param maxJobDurationSeconds the manifest's max_job_duration; 0 or less means no limit (one shard)
     * @throws InvalidManifest when even {@code maxShards} shards would each run longer than max_job_duration
     */
    public int shards(double detectorSeconds, int maxJobDurationSeconds) {
        if (maxJobDurationSeconds <= 0 || detectorSeconds <= 0) {
            return 1;
        }
        double planned = maxJobDurationSeconds * safetyFraction;
        int shards = (int) Math.min(maxShards, Math.max(1, Math.ceil(detectorSeconds / planned)));
        double perShard = detectorSeconds / shards;
        if (perShard > maxJobDurationSeconds) {
            throw new InvalidManifest(RunState.MAX_JOB_DURATION, String.format(Locale.ROOT,
                    "%d s is too short: detection is estimated at %.0f s, which even %d shards (munin.detect.max-shards) "
                            + "would split into %.0f s each. Raise max_job_duration to at least %.0f, or lower max_images.",
                    maxJobDurationSeconds, detectorSeconds, shards, perShard, Math.ceil(perShard / safetyFraction)));
        }
        return shards;
    }
}
