package dk.munin.budget;

import dk.munin.state.DetectorLimit;
import dk.munin.state.ExecutionStart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The hard stop of each detector shard: the detector's share of the budget turned into seconds
 * at the price per hour, split evenly over the shards (they run in parallel, each paying its own
 * instance), and the instant max_runtime_min ends the run.
 */
public final class DetectorStop {

    private static final double SECONDS_PER_HOUR = 3600.0;
    private static final long SECONDS_PER_MINUTE = 60;

    private DetectorStop() {
    }

    /**
     * @param detectorBudgetDkk what detection may cost in all
     * @param pricePerHourDkk   one detector instance-hour; at 0 (nothing to pay) only max_runtime_min limits a shard
     * @param runStart          the execution's start, from which max_runtime_min counts
     */
    public static DetectorLimit limit(double detectorBudgetDkk, double pricePerHourDkk, int shards, Instant runStart,
                                      int maxRuntimeMin) {
        // A shard cannot usefully run past max_runtime_min (its stop_at comes first), so that also
        // bounds the seconds: a free instance gets a finite number the container's environment can carry.
        double runtimeSeconds = (double) maxRuntimeMin * SECONDS_PER_MINUTE;
        double budgetSeconds = pricePerHourDkk > 0
                ? Math.max(0, detectorBudgetDkk) / pricePerHourDkk * SECONDS_PER_HOUR / Math.max(1, shards)
                : runtimeSeconds;
        Instant stopAt = runStart.plus(Duration.ofMinutes(maxRuntimeMin));
        return new DetectorLimit(Math.min(budgetSeconds, runtimeSeconds), stopAt.toString());
    }

    /** When max_runtime_min started counting: the execution's start_time, else (no execution, or not a timestamp) now. */
    public static Instant runStart(ExecutionStart execution, Clock clock) {
        if (execution != null && execution.startTime() != null) {
            try {
                return OffsetDateTime.parse(execution.startTime()).toInstant();
            } catch (DateTimeParseException notATimestamp) {
                // a stage called by hand with a made-up execution: count from now, as without one
            }
        }
        return clock.instant();
    }
}
