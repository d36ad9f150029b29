package dk.munin.storage;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.S3ObjectStore;
import dk.munin.contract.storage.S3Retries;
import dk.munin.contract.storage.StorageUnavailable;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.Fault;
import dk.munin.contract.testing.FaultScript;
import dk.munin.contract.testing.FaultyS3Proxy;
import dk.munin.testing.ApplicationSettings;
import org.apache.camel.component.aws2.s3.AWS2S3Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The app's S3 client as camel-aws2-s3's settings and munin.s3.* build it (the Apache HTTP
 * client), through a {@link FaultyS3Proxy} in front of the embedded S3 server: each fault once is
 * retried and the answer is whole; a persistent fault ends in StorageUnavailable naming the
 * object, after exactly munin.s3.max-attempts requests.
 */
class CamelS3ClientFaultsTest {

    private static final String BUCKET = "field-season";
    private static final String KEY = "raw/StationA/IMG_0001.JPG";
    private static final Location OBJECT = Location.parse("s3://" + BUCKET + "/" + KEY);
    private static final byte[] CONTENT = content(200_000);
    private static final Duration READ_TIMEOUT = Duration.ofMillis(800);

    private static EmbeddedS3 s3;
    private static FaultyS3Proxy proxy;
    private static S3ObjectStore store;
    private static S3Retries retries;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(BUCKET);
        proxy = FaultyS3Proxy.start(s3.endpoint(), FaultScript.none());
        // the bounds as a user would set them: munin.s3.* over application.properties, here short for the test
        Properties overrides = new Properties();
        overrides.setProperty(S3Retries.MAX_ATTEMPTS, "3");
        overrides.setProperty(S3Retries.BACKOFF_BASE_MS, "1");
        overrides.setProperty(S3Retries.THROTTLED_BACKOFF_BASE_MS, "2");
        overrides.setProperty(S3Retries.READ_TIMEOUT_MS, String.valueOf(READ_TIMEOUT.toMillis()));
        retries = S3Retries.from(Settings.layered(List.of(), overrides, Map.of()), S3Retries.from(ApplicationSettings.settings()));
        AWS2S3Configuration configuration = new AWS2S3Configuration();
        configuration.setOverrideEndpoint(true);
        configuration.setUriEndpointOverride(proxy.endpoint());
        configuration.setForcePathStyle(true);
        configuration.setRegion(EmbeddedS3.REGION);
        configuration.setAccessKey(EmbeddedS3.ACCESS_KEY);
        configuration.setSecretKey(EmbeddedS3.SECRET_KEY);
        store = new S3ObjectStore(() -> CamelS3Client.build(configuration, retries));
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        proxy.close();
        s3.close();
    }

    @BeforeEach
    void putTheObject() {
        proxy.script(FaultScript.none());
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(KEY).build(), new ByteArrayInputStream(CONTENT));
        proxy.forget();
    }

    static Stream<Fault> everyKind() {
        return Stream.of(Fault.INTERNAL_ERROR, Fault.SLOW_DOWN, Fault.RESET_DURING_REQUEST, Fault.RESET_DURING_RESPONSE,
                Fault.TRUNCATED_BODY, Fault.delay(READ_TIMEOUT.multipliedBy(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void aFaultOnceOnAReadAStreamAndAWriteIsRetried(Fault fault) throws Exception {
        proxy.script(FaultScript.firstTimes("GET", KEY, fault, 1));
        assertThat(store.read(OBJECT)).isEqualTo(CONTENT);
        proxy.script(FaultScript.firstTimes("GET", KEY, fault, 1));
        try (InputStream in = store.open(OBJECT)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        byte[] next = content(CONTENT.length + 3);
        proxy.script(FaultScript.firstTimes("PUT", KEY, fault, 1));
        store.write(OBJECT, next);
        proxy.script(FaultScript.none());

        assertThat(store.read(OBJECT)).isEqualTo(next);
        assertThat(proxy.attempts("GET", KEY)).as("a failed attempt and a good one for the read and the stream, then the read back")
                .isEqualTo(5);
        assertThat(proxy.attempts("PUT", KEY)).as("a PUT's answer has no body to cut short")
                .isEqualTo(fault.kind() == Fault.Kind.TRUNCATED_BODY ? 1 : 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void aFaultThatPersistsFailsAfterMaxAttemptsNamingTheObject(Fault fault) {
        proxy.script(FaultScript.always("GET", KEY, fault));

        assertThatThrownBy(() -> store.readRange(OBJECT, 0, 64 * 1024)).isInstanceOf(StorageUnavailable.class)
                .hasMessageStartingWith("Cannot read a range of " + OBJECT + ": ");

        assertThat(proxy.attempts("GET", KEY)).isEqualTo(retries.maxAttempts());
    }

    @Test
    void theDetectorsBoundsWhereNothingSetsThemAreApplicationPropertiesOnes() {
        assertThat(S3Retries.from(ApplicationSettings.settings())).isEqualTo(ContainerSettings.S3_RETRIES_WHEN_UNSET);
    }

    @Test
    void aDetectorStartedByTheAppGetsItsBounds() {
        S3Settings settings = S3Settings.from(ApplicationSettings.settings());

        assertThat(settings.detectorEnvironment()).containsEntry("MUNIN_S3_MAX_ATTEMPTS", "5")
                .containsEntry("MUNIN_S3_READ_TIMEOUT_MS", "30000").doesNotContainKey("MUNIN_S3_ENDPOINT");
    }

    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 17 + length);
        }
        return bytes;
    }
}
