package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code merge_detections.detector_time}: what the detector's shards measured of themselves
 * (detections.json's {@code info.detector_metadata.timing}), summed, for the run's accounting.
 *
 * @param shardsTimed    shards whose output carried a timing (0 for precomputed detections)
 * @param photosTimed    photos the detector ran the model on in this run (not restored from checkpoints)
 * @param detectSeconds  from each shard's first photo to its last
 * @param processSeconds from each shard's JVM start to its output: detectSeconds plus start-up
 */
public record DetectorTime(
        @JsonProperty(value = "shards_timed", required = true) int shardsTimed,
        @JsonProperty(value = "photos_timed", required = true) long photosTimed,
        @JsonProperty(value = "detect_seconds", required = true) double detectSeconds,
        @JsonProperty(value = "process_seconds", required = true) double processSeconds) {

    public static final DetectorTime NONE = new DetectorTime(0, 0, 0, 0);

    /** Adds one shard's {@code timing} object; a missing one (precomputed detections) adds nothing. */
    public DetectorTime plus(JsonNode timing) {
        if (timing == null || !timing.isObject() || !timing.has("wall_seconds")) {
            return this;
        }
        double wall = timing.path("wall_seconds").asDouble();
        // a detector older than process_seconds: its start-up is unknown, so it counts as none
        double process = timing.path("process_seconds").asDouble(wall);
        return new DetectorTime(shardsTimed + 1, photosTimed + timing.path("photos_timed").asLong(), detectSeconds + wall,
                processSeconds + Math.max(process, wall));
    }

    public double startSeconds() {
        return processSeconds - detectSeconds;
    }
}
