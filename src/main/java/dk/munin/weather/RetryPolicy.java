package dk.munin.weather;

import dk.munin.clock.Sleeper;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a weather service's answer is worth asking again: a 429 (throttled) or a 5xx, after the
 * wait its {@code Retry-After} asks for, else an exponential backoff, bounded in attempts and in
 * the time one request may spend waiting. After that the event is unavailable with the last
 * answer, and the run goes on.
 *
 * @param maxAttempts munin.weather.retry.max-attempts: requests in all, the first included
 * @param backoff     munin.weather.retry.backoff-ms: the first wait without Retry-After, doubled each time
 * @param maxWait     munin.weather.retry.max-wait-seconds: the longest one request waits in all; a
 *                    Retry-After beyond it ends the retries at once rather than hold the run
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxWait, Sleeper sleeper) {

    /** No retries: every answer is final. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Sleeper.REAL);

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int FIRST_SERVER_ERROR = 500;

    static boolean retryable(int status) {
        return status == TOO_MANY_REQUESTS || status >= FIRST_SERVER_ERROR;
    }

    /**
     * The wait before attempt {@code attempt + 1}, or empty when there is to be none.
     *
     * @param retryAfter the answer's Retry-After header (seconds or an HTTP date), or null
     * @param waited     what this request has waited so far
     */
    Optional<Duration> waitBefore(int attempt, String retryAfter, Duration waited, Instant now) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        Duration wait = retryAfter(retryAfter, now).orElse(backoff.multipliedBy(1L << (attempt - 1)));
        return waited.plus(wait).compareTo(maxWait) <= 0 ? Optional.of(wait) : Optional.empty();
    }

    private static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
