package dk.munin.contract.storage;

import dk.munin.contract.settings.InvalidSetting;
import dk.munin.contract.settings.Settings;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3RetriesTest {

    private static final S3Retries DEFAULTS = new S3Retries(5, Duration.ofMillis(100), Duration.ofMillis(1000),
            Duration.ofMillis(20000), Duration.ofMillis(2000), Duration.ofMillis(30000));

    @Test
    void readsEveryBoundFromTheSettings() {
        Properties file = new Properties();
        file.putAll(DEFAULTS.asSettings());
        file.setProperty("munin.s3.max-attempts", "7");

        S3Retries retries = S3Retries.from(Settings.layered(List.of(file), new Properties(), Map.of()));

        assertThat(retries).isEqualTo(new S3Retries(7, Duration.ofMillis(100), Duration.ofMillis(1000),
                Duration.ofMillis(20000), Duration.ofMillis(2000), Duration.ofMillis(30000)));
        assertThat(retries.retryStrategy().maxAttempts()).isEqualTo(7);
    }

    @Test
    void aMissingBoundIsNamedWhenNoDefaultIsGiven() {
        assertThatThrownBy(() -> S3Retries.from(Settings.layered(List.of(), new Properties(), Map.of())))
                .isInstanceOf(InvalidSetting.class).hasMessageContaining("munin.s3.max-attempts");
    }

    @Test
    void theDetectorsEnvironmentOverridesItsDefaultsOneByOne() {
        Settings environment = Settings.layered(List.of(), new Properties(),
                Map.of("MUNIN_S3_MAX_ATTEMPTS", "3", "MUNIN_S3_READ_TIMEOUT_MS", "5000"));

        S3Retries retries = S3Retries.from(environment, DEFAULTS);

        assertThat(retries.maxAttempts()).isEqualTo(3);
        assertThat(retries.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(retries.backoffBase()).isEqualTo(DEFAULTS.backoffBase());
    }

    @Test
    void handsItsBoundsToAnotherProcessAsItsEnvironmentVariables() {
        assertThat(DEFAULTS.environment()).containsExactly(
                Map.entry("MUNIN_S3_MAX_ATTEMPTS", "5"),
                Map.entry("MUNIN_S3_BACKOFF_BASE_MS", "100"),
                Map.entry("MUNIN_S3_THROTTLED_BACKOFF_BASE_MS", "1000"),
                Map.entry("MUNIN_S3_MAX_BACKOFF_MS", "20000"),
                Map.entry("MUNIN_S3_CONNECT_TIMEOUT_MS", "2000"),
                Map.entry("MUNIN_S3_READ_TIMEOUT_MS", "30000"));
        Settings environment = Settings.layered(List.of(), new Properties(), DEFAULTS.environment());
        assertThat(S3Retries.from(environment)).isEqualTo(DEFAULTS);
    }

    @Test
    void refusesBoundsThatWouldNotRetryOrNeverWait() {
        assertThatThrownBy(() -> new S3Retries(0, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(20000),
                Duration.ofMillis(2000), Duration.ofMillis(30000))).hasMessageContaining("munin.s3.max-attempts must be at least 1");
        assertThatThrownBy(() -> new S3Retries(5, Duration.ZERO, Duration.ofMillis(1000), Duration.ofMillis(20000),
                Duration.ofMillis(2000), Duration.ofMillis(30000))).hasMessageContaining("munin.s3.backoff-base-ms must be a positive");
    }

    @Test
    void theClientConfigurationCarriesTheStrategy() {
        RetryStrategy strategy = DEFAULTS.overrideConfiguration().retryStrategy().orElseThrow();

        assertThat(strategy.maxAttempts()).isEqualTo(5);
    }
}
