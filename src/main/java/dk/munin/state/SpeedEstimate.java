package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The detector speed an estimate used, and where it came from.
 *
 * @param msPerFrame     what the estimate uses: the measured figure times the safety factor, rounded up
 * @param startupSeconds what each shard pays once before its first photo (JVM, model, and on AWS the instance)
 * @param safetyFactor   munin.budget.ms-per-frame-safety-factor
 * @param host           where the detector runs: local:&lt;CPU&gt; x&lt;cores&gt;, or the Batch instance type
 * @param source         the calibration row used, or why none was
 * @param calibration    the calibration table's row (src/main/resources/dk/munin/budget/detector-speed.csv);
 *                       null when it has none for this model and host
 */
public record SpeedEstimate(
        @JsonProperty(value = "ms_per_frame", required = true) long msPerFrame,
        @JsonProperty(value = "startup_seconds", required = true) double startupSeconds,
        @JsonProperty(value = "safety_factor", required = true) double safetyFactor,
        @JsonProperty(value = "host", required = true) String host,
        @JsonProperty(value = "source", required = true) String source,
        @JsonProperty("calibration") JsonNode calibration) {
}
