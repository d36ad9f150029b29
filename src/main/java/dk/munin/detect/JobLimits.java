package dk.munin.detect;

import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.stage1.ContainerSettings;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detection job's hard stop as the drivers see it: DETECTOR_STOP_AFTER_SECONDS and
 * DETECTOR_STOP_AT in its environment (the workflow's cost_estimation.detector_limit). The
 * container stops itself at them; a driver steps in only when one has not, some margin later:
 * a container that hangs cannot count.
 *
 * @param stopAfterSeconds null when the job has no budget limit
 * @param stopAt           null when it has no time limit
 */
record JobLimits(Double stopAfterSeconds, Instant stopAt) {

    static final String STOP_AFTER_SECONDS = ContainerSettings.variable(ContainerSettings.STOP_AFTER_SECONDS);
    static final String STOP_AT = ContainerSettings.variable(ContainerSettings.STOP_AT);

    /** @throws IllegalArgumentException when a value is not a number of seconds or an ISO-8601 instant */
    static JobLimits of(JobRequest request) {
        String seconds = request.environment().get(STOP_AFTER_SECONDS);
        String at = request.environment().get(STOP_AT);
        try {
            return new JobLimits(seconds == null || seconds.isBlank() ? null : Double.valueOf(seconds.trim()),
                    at == null || at.isBlank() ? null : OffsetDateTime.parse(at.trim()).toInstant());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("The detector job's " + STOP_AFTER_SECONDS + "=" + seconds + " or " + STOP_AT + "=" + at
                    + " is not a number of seconds or an ISO-8601 instant: " + e.getMessage());
        }
    }

    /** A container started at {@code started} is past a limit by {@code margin} from this instant on; null without limits. */
    Instant killAt(Instant started, Duration margin) {
        Instant budgetEnd = stopAfterSeconds == null ? null : started.plusMillis((long) (stopAfterSeconds * 1000));
        Instant first = budgetEnd == null || (stopAt != null && stopAt.isBefore(budgetEnd)) ? stopAt : budgetEnd;
        return first == null ? null : first.plus(margin);
    }

    /** Which limit {@link #killAt} comes from. */
    DetectionStop reasonFor(Instant started) {
        if (stopAt == null) {
            return DetectionStop.BUDGET;
        }
        return stopAfterSeconds != null && started.plusMillis((long) (stopAfterSeconds * 1000)).isBefore(stopAt)
                ? DetectionStop.BUDGET : DetectionStop.MAX_RUNTIME;
    }

    /**
     * The environment of a container that only finishes what a killed one left: it stops before
     * its first photo for the same reason, so it writes the output from the checkpoints (the
     * photos done, kept) with every other photo of its slice marked not detected.
     */
    static Map<String, String> finishing(Map<String, String> environment, DetectionStop reason) {
        Map<String, String> finishing = new LinkedHashMap<>(environment);
        if (reason == DetectionStop.BUDGET) {
            finishing.put(STOP_AFTER_SECONDS, "0");
        } else {
            // stop_at has passed: the same value stops it, and without the budget limit nothing else can be named
            finishing.remove(STOP_AFTER_SECONDS);
        }
        return finishing;
    }
}
