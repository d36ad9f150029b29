package dk.munin.exif;

import dk.munin.contract.storage.Location;
import dk.munin.state.PhotoBatchPlan;

import java.util.Locale;

/**
 * Decides, from the number of photos GuardBudget counted, whether Stage-0 reads them in one
 * invocation or in batches by the workflow's Distributed Map (docs/scale.md). One invocation
 * is cheapest and costs a small run nothing extra; batches beat a Lambda's 15 minutes and hide
 * S3's per-request latency behind many invocations at once. The settings are
 * {@code munin.stage0.batches.*} in application.properties.
 *
 * @param fromPhotos                 the fewest photos read in batches
 * @param photosPerBatch             photos per invocation
 * @param maxConcurrency             invocations at once
 * @param toleratedFailurePercentage of the photos, in batches that failed every retry, before the Map fails
 */
public record PhotoBatching(int fromPhotos, int photosPerBatch, int maxConcurrency, double toleratedFailurePercentage) {

    public static final String FROM_PHOTOS = "munin.stage0.batches.from-photos";
    public static final String PHOTOS_PER_BATCH = "munin.stage0.batches.photos-per-batch";
    public static final String MAX_CONCURRENCY = "munin.stage0.batches.max-concurrency";
    public static final String TOLERATED_FAILURE_PERCENTAGE = "munin.stage0.batches.tolerated-failure-percentage";

    /** Where the Map's ResultWriter writes, below the session's work folder. */
    public static final String MAP_RESULTS = "stage0/map-results";

    /**
     * @param input      the run's input_uri
     * @param workFolder the session's work folder, in the output
     * @param photos     the photos the run will read
     */
    public PhotoBatchPlan plan(Location input, Location workFolder, int photos) {
        if (!input.isS3() || !workFolder.isS3()) {
            return single("the photos or the outputs are in a local folder: one invocation reads them (batches are for S3)");
        }
        if (photos < fromPhotos) {
            return single(String.format(Locale.ROOT, "%,d photos, fewer than %s (%,d): one invocation reads them",
                    photos, FROM_PHOTOS, fromPhotos));
        }
        long batches = (photos + (long) photosPerBatch - 1) / photosPerBatch;
        String reason = String.format(Locale.ROOT, "%,d photos on S3, at least %s (%,d): read in %,d batches of up to %,d photos, %,d at a time",
                photos, FROM_PHOTOS, fromPhotos, batches, photosPerBatch, maxConcurrency);
        return new PhotoBatchPlan(true, reason, input.bucket(), input.asFolder().key(), photosPerBatch, maxConcurrency,
                toleratedFailurePercentage, workFolder.bucket(), workFolder.asFolder().key() + MAP_RESULTS);
    }

    private PhotoBatchPlan single(String reason) {
        return new PhotoBatchPlan(false, reason, null, null, photosPerBatch, maxConcurrency, toleratedFailurePercentage, null, null);
    }
}
