package dk.munin.detect;

import java.time.Duration;

/**
 * How the aws-batch driver waits for its job: DescribeJobs after {@code firstInterval}, each
 * later pause {@code factor} times longer up to {@code maxInterval}; and the client's own limit,
 * in case Batch never ends the job: RetryStrategy.Attempts x max_job_duration + {@code deadlineMargin}
 * after SubmitJob, then TerminateJob.
 */
public record BatchPolling(Duration firstInterval, double factor, Duration maxInterval, Duration deadlineMargin) {

    public BatchPolling {
        if (firstInterval.isNegative() || firstInterval.isZero()) {
            throw new IllegalArgumentException("munin.detect.batch.poll-first-interval-ms must be positive");
        }
        if (factor < 1) {
            throw new IllegalArgumentException("munin.detect.batch.poll-factor must be at least 1, got " + factor);
        }
        if (maxInterval.compareTo(firstInterval) < 0) {
            throw new IllegalArgumentException("munin.detect.batch.poll-max-interval-ms must not be shorter than the first interval");
        }
        if (deadlineMargin.isNegative()) {
            throw new IllegalArgumentException("munin.detect.batch.deadline-margin-seconds must not be negative");
        }
    }

    /** The pause after {@code pause}: longer by the factor, at most the maximum. */
    Duration next(Duration pause) {
        long millis = (long) Math.min((double) maxInterval.toMillis(), Math.ceil(pause.toMillis() * factor));
        return Duration.ofMillis(millis);
    }

    /** How long after SubmitJob the client gives up on the job. */
    Duration deadline(JobRequest request) {
        if (request.attemptDurationSeconds() <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) request.attempts() * request.attemptDurationSeconds()).plus(deadlineMargin);
    }
}
