package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code merge_detections}: the whole stage1/detections.json, made from the shards or checked.
 *
 * @param mergedFromShards whether the file was joined from shard files (false: the job wrote it whole)
 * @param photos           the entries it has, one per images.jsonl line
 * @param photosNotDetected entries of photos the detector did not reach because it stopped at a limit
 * @param stopped          why it stopped: {@code budget} or {@code max_runtime_min} (DetectionStop ids), null
 *                         when it reached every photo; the workflow ends BudgetExhausted when it is set
 * @param detectorTime     what the detector's shards measured of themselves, for the accounting
 */
public record DetectionsMerged(
        @JsonProperty(value = "shards", required = true) int shards,
        @JsonProperty(value = "merged_from_shards", required = true) boolean mergedFromShards,
        @JsonProperty(value = "photos", required = true) int photos,
        @JsonProperty(value = "detections_uri", required = true) String detectionsUri,
        @JsonProperty(value = "photos_not_detected", required = true) int photosNotDetected,
        @JsonProperty(value = "stopped", required = true) String stopped,
        @JsonProperty(value = "detector_time", required = true) DetectorTime detectorTime) {
}
