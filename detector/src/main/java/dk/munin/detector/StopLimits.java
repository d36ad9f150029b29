package dk.munin.detector;

import java.time.Instant;

/**
 * What this container may spend: DETECTOR_STOP_AFTER_SECONDS, its share of the budget in seconds
 * of its own running time, counted from the JVM's start so that start-up and the model's loading
 * count too; and DETECTOR_STOP_AT, the instant the run reaches max_runtime_min. Either may be unset.
 *
 * @param stopAfterSeconds null for no budget limit
 * @param stopAt           null for no time limit
 */
public record StopLimits(Double stopAfterSeconds, Instant stopAt) {

    public static final StopLimits NONE = new StopLimits(null, null);

    public boolean isNone() {
        return stopAfterSeconds == null && stopAt == null;
    }
}
