package dk.munin.detector;

import dk.munin.contract.megadetector.DetectionStop;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides, before each photo, whether the next one would carry the run past its
 * {@link StopLimits}, from measured time only: what this shard has spent (earlier attempts, as
 * their checkpoints recorded, plus this process since its JVM started) and the mean time a photo
 * has taken in this process so far. Stopping when the next photo <em>would</em> pass a limit,
 * rather than once it has, keeps the spend under the limit by the mean photo, not over it by one.
 *
 * <p>Each decision reads the clock once, so a test's stepping clock gives the same stop every time.
 */
final class StopCheck {

    private static final double NANOS_PER_SECOND = 1e9;

    private final StopLimits limits;
    private final Instant processStart;
    private final double spentBefore;
    private final Clock clock;
    private Instant detectStart;
    private Instant lastLook;

    /**
     * @param processStart when this process started (the JVM's start time)
     * @param spentBefore  seconds earlier attempts of this shard spent, from its checkpoints
     */
    StopCheck(StopLimits limits, Instant processStart, double spentBefore, Clock clock) {
        this.limits = limits;
        this.processStart = processStart;
        this.spentBefore = spentBefore;
        this.clock = clock;
    }

    /** Marks the start of detection, from which the time per photo is measured. */
    void startDetecting() {
        detectStart = clock.instant();
        lastLook = detectStart;
    }

    /**
     * @param photosDone photos this process has detected so far
     * @return the limit the next photo would pass, if any
     */
    Optional<DetectionStop> stopBefore(int photosDone) {
        lastLook = clock.instant();
        if (limits.isNone()) {
            return Optional.empty();
        }
        double nextPhoto = photosDone == 0 ? 0 : seconds(detectStart, lastLook) / photosDone;
        if (limits.stopAfterSeconds() != null && spentAt(lastLook) + nextPhoto > limits.stopAfterSeconds()) {
            return Optional.of(DetectionStop.BUDGET);
        }
        if (limits.stopAt() != null && lastLook.plusNanos((long) (nextPhoto * NANOS_PER_SECOND)).isAfter(limits.stopAt())) {
            return Optional.of(DetectionStop.MAX_RUNTIME);
        }
        return Optional.empty();
    }

    /** How long, from the last decision, until the first limit runs out; null without limits. */
    Duration timeLeft() {
        Duration left = null;
        if (limits.stopAfterSeconds() != null) {
            left = Duration.ofNanos((long) ((limits.stopAfterSeconds() - spentAt(lastLook)) * NANOS_PER_SECOND));
        }
        if (limits.stopAt() != null) {
            Duration untilStopAt = Duration.between(lastLook, limits.stopAt());
            left = left == null || untilStopAt.compareTo(left) < 0 ? untilStopAt : left;
        }
        if (left == null) {
            return null;
        }
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The limit that runs out first from the last decision: what stopped a photo that did not arrive in {@link #timeLeft}. */
    DetectionStop firstToRunOut() {
        if (limits.stopAt() == null) {
            return DetectionStop.BUDGET;
        }
        if (limits.stopAfterSeconds() == null) {
            return DetectionStop.MAX_RUNTIME;
        }
        double budgetLeft = limits.stopAfterSeconds() - spentAt(lastLook);
        return budgetLeft <= seconds(lastLook, limits.stopAt()) ? DetectionStop.BUDGET : DetectionStop.MAX_RUNTIME;
    }

    /** What this shard has spent up to now, earlier attempts included. */
    double spentSeconds() {
        return spentAt(clock.instant());
    }

    private double spentAt(Instant now) {
        return spentBefore + seconds(processStart, now);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / NANOS_PER_SECOND;
    }
}
