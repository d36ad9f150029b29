package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code guard_budget.photo_batches}: how Stage-0 reads the photos, decided by GuardBudget from
 * their number. A run of at least {@code munin.stage0.batches.from-photos} photos with its input
 * and output on S3 is read in batches by the workflow's Distributed Map (ReadPhotoBatches), whose
 * ItemReader, ItemBatcher, MaxConcurrencyPath, ToleratedFailurePercentagePath and ResultWriter
 * read the fields below; any other run is read by one Stage0Exif invocation, as before, at no
 * extra cost. Local folders are always read whole: a laptop has no 15-minute limit to beat.
 *
 * @param distributed                whether the workflow takes the Distributed Map
 * @param reason                     why, for the log and the run report
 * @param bucket                     the input's bucket (the Map's ItemReader lists it); null when not on S3
 * @param prefix                     the input's key prefix, ending in '/' (or empty for a whole bucket)
 * @param photosPerBatch             photos per Stage0Exif invocation (ItemBatcher's MaxItemsPerBatchPath)
 * @param maxConcurrency             invocations at once (MaxConcurrencyPath)
 * @param toleratedFailurePercentage batches that may fail, as a percentage of the photos, before
 *                                   the Map fails; their photos are recorded as not read, with why
 * @param resultsBucket              where the Map's ResultWriter writes: the output's bucket; null when not on S3
 * @param resultsPrefix              below the session's work folder, {@code _work/<session_id>/stage0/map-results}
 */
public record PhotoBatchPlan(
        @JsonProperty(value = "distributed", required = true) boolean distributed,
        @JsonProperty(value = "reason", required = true) String reason,
        @JsonProperty(value = "bucket", required = true) String bucket,
        @JsonProperty(value = "prefix", required = true) String prefix,
        @JsonProperty(value = "photos_per_batch", required = true) int photosPerBatch,
        @JsonProperty(value = "max_concurrency", required = true) int maxConcurrency,
        @JsonProperty(value = "tolerated_failure_percentage", required = true) double toleratedFailurePercentage,
        @JsonProperty(value = "results_bucket", required = true) String resultsBucket,
        @JsonProperty(value = "results_prefix", required = true) String resultsPrefix) {
}
