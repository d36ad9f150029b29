package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code cost_estimation.detector_limit}: the hard stop each detector shard is given (its
 * DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT, docs/detector.md). The detector stops
 * cleanly before the photo that would pass either, and the run ends BudgetExhausted.
 *
 * @param secondsPerShard what each shard may spend, in seconds measured from its process's start:
 *                        its share of the detector's budget at the price per hour, at most max_runtime_min
 * @param stopAt          ISO-8601 instant: the execution's start + max_runtime_min
 */
public record DetectorLimit(
        @JsonProperty(value = "seconds_per_shard", required = true) double secondsPerShard,
        @JsonProperty(value = "stop_at", required = true) String stopAt) {
}
