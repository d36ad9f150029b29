package dk.munin.contract.storage;

import dk.munin.contract.settings.Settings;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * How every Munin process's S3 client tries a request again (the app's, built from camel-aws2-s3's
 * settings, and the detector's): the bounds docs/storage.md states. A request that meets a 5xx,
 * S3's throttling (503 SlowDown), a reset connection, a silent connection or a body shorter than
 * its Content-Length is sent again, up to {@code maxAttempts} in all, after a random wait below
 * a ceiling that doubles each time ("full jitter"). After the last attempt the operation fails
 * with {@link StorageUnavailable} naming the object.
 *
 * @param maxAttempts          munin.s3.max-attempts: tries of one request in all, the first included
 * @param backoffBase          munin.s3.backoff-base-ms: the ceiling of the wait before the first retry
 * @param throttledBackoffBase munin.s3.throttled-backoff-base-ms: the same after a throttling answer (503 SlowDown)
 * @param maxBackoff           munin.s3.max-backoff-ms: no wait is longer
 * @param connectTimeout       munin.s3.connect-timeout-ms: a connection not made by then is an attempt that failed
 * @param readTimeout          munin.s3.read-timeout-ms: a connection silent this long (no byte of the answer) is an attempt that failed
 */
public record S3Retries(int maxAttempts, Duration backoffBase, Duration throttledBackoffBase, Duration maxBackoff,
                        Duration connectTimeout, Duration readTimeout) {

    public static final String MAX_ATTEMPTS = "munin.s3.max-attempts";
    public static final String BACKOFF_BASE_MS = "munin.s3.backoff-base-ms";
    public static final String THROTTLED_BACKOFF_BASE_MS = "munin.s3.throttled-backoff-base-ms";
    public static final String MAX_BACKOFF_MS = "munin.s3.max-backoff-ms";
    public static final String CONNECT_TIMEOUT_MS = "munin.s3.connect-timeout-ms";
    public static final String READ_TIMEOUT_MS = "munin.s3.read-timeout-ms";

    public S3Retries {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS + " must be at least 1 (1: no retries), got " + maxAttempts);
        }
        positive(BACKOFF_BASE_MS, backoffBase);
        positive(THROTTLED_BACKOFF_BASE_MS, throttledBackoffBase);
        positive(MAX_BACKOFF_MS, maxBackoff);
        positive(CONNECT_TIMEOUT_MS, connectTimeout);
        positive(READ_TIMEOUT_MS, readTimeout);
    }

    /** Every bound from the settings; each must be there (application.properties has them all). */
    public static S3Retries from(Settings settings) {
        return read(key -> settings.whole(key));
    }

    /** The bounds the settings give, and {@code unset}'s for those they leave out (the detector's environment). */
    public static S3Retries from(Settings settings, S3Retries unset) {
        Map<String, String> defaults = unset.asSettings();
        return read(key -> settings.optional(key).isPresent() ? settings.whole(key) : Long.parseLong(defaults.get(key)));
    }

    private static S3Retries read(Function<String, Long> value) {
        return new S3Retries(Math.toIntExact(value.apply(MAX_ATTEMPTS)), millis(value, BACKOFF_BASE_MS),
                millis(value, THROTTLED_BACKOFF_BASE_MS), millis(value, MAX_BACKOFF_MS),
                millis(value, CONNECT_TIMEOUT_MS), millis(value, READ_TIMEOUT_MS));
    }

    /** The settings that give these bounds, by key: for handing them to another process. */
    public Map<String, String> asSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(MAX_ATTEMPTS, String.valueOf(maxAttempts));
        settings.put(BACKOFF_BASE_MS, String.valueOf(backoffBase.toMillis()));
        settings.put(THROTTLED_BACKOFF_BASE_MS, String.valueOf(throttledBackoffBase.toMillis()));
        settings.put(MAX_BACKOFF_MS, String.valueOf(maxBackoff.toMillis()));
        settings.put(CONNECT_TIMEOUT_MS, String.valueOf(connectTimeout.toMillis()));
        settings.put(READ_TIMEOUT_MS, String.valueOf(readTimeout.toMillis()));
        return settings;
    }

    /** The same, as the environment variables of a detector process (MUNIN_S3_MAX_ATTEMPTS ...). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        asSettings().forEach((key, value) -> environment.put(Settings.environmentVariable(key), value));
        return environment;
    }

    /**
     * The SDK's standard strategy with AWS's retryable errors (5xx, throttling, I/O errors), with
     * these bounds. Its circuit breaker is off: it is there to stop a fleet of clients from
     * retrying into an outage, but a run is one client, and a long run's scattered faults would
     * drain its token bucket until even a single fault failed the run. The attempts stay bounded.
     */
    public RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(backoffBase, maxBackoff))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttledBackoffBase, maxBackoff))
                .circuitBreakerEnabled(false)
                .retryOnException(S3Retries::brokeOff)
                .build();
    }

    /**
     * A failure with an I/O error anywhere in its causes: the connection broke. The SDK retries
     * most of these itself, but not one that breaks a listing's XML while it is being parsed.
     * Every request Munin makes can be sent again (GET, HEAD, DELETE, a PutObject of the whole object).
     */
    private static boolean brokeOff(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The client configuration that applies the strategy; timeouts belong to the HTTP client, which each process picks. */
    public ClientOverrideConfiguration overrideConfiguration() {
        return ClientOverrideConfiguration.builder().retryStrategy(retryStrategy()).build();
    }

    private static Duration millis(Function<String, Long> value, String key) {
        return Duration.ofMillis(value.apply(key));
    }

    private static void positive(String key, Duration duration) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive number of milliseconds, got "
                    + (duration == null ? null : duration.toMillis()));
        }
    }
}
