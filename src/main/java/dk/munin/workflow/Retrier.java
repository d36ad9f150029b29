package dk.munin.workflow;

import java.time.Duration;
import java.util.List;

/**
 * One Retrier of a Task's Retry. The n-th retry it grants (n from 0) waits
 * IntervalSeconds x BackoffRate^n, at most MaxDelaySeconds; after MaxAttempts retries it grants
 * no more, and the error goes on to the Catchers.
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
               Integer maxDelaySeconds) {

    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    boolean covers(String error) {
        return ErrorNames.covers(errorEquals, error);
    }

    Duration delayBefore(int retry) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retry);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
