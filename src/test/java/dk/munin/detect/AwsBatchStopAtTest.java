package dk.munin.detect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.contract.megadetector.BatchOutput;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aws-batch driver at max_runtime_min: the real AWS SDK BatchClient against WireMock speaking
 * the AWS Batch REST API (as AwsBatchDetectorTest), the run's files in S3 on an embedded s3proxy.
 * Pauses move a test clock instead of sleeping.
 */
class AwsBatchStopAtTest {

    private static final String JOB_ID = "4c8f1e2a-0d3b-4d5e-9f60-7a8b9c0d1e2f";
    private static final String TERMINATE = "/v1/terminatejob";
    private static final BatchPolling POLLING = new BatchPolling(Duration.ofSeconds(5), 2, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private static final Duration STOP_MARGIN = Duration.ofSeconds(60);

    /** The job is terminated on purpose: that warning is asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(AwsBatchDetector.class);
    private final WireMockServer batch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
    private BatchClient client;

    @BeforeEach
    void start() {
        batch.start();
        client = BatchClient.builder().region(Region.EU_NORTH_1).endpointOverride(URI.create(batch.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        batch.stubFor(post(urlEqualTo("/v1/submitjob")).willReturn(okJson(
                "{\"jobName\": \"munin-detector-s1\", \"jobId\": \"" + JOB_ID + "\"}")));
        batch.stubFor(post(urlEqualTo("/v1/describejobs")).willReturn(okJson("""
                {"jobs": [{"jobName": "munin-detector-s1", "jobId": "%s", "jobQueue": "q", "jobDefinition": "d",
                           "status": "RUNNING", "createdAt": 1795000000000}]}""".formatted(JOB_ID))));
        batch.stubFor(post(urlEqualTo(TERMINATE)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        client.close();
        batch.stop();
    }

    /**
     * An array job still running a minute after stop_at is terminated; the shard its container
     * never wrote is written with its photos not detected, beside the one a finished child wrote,
     * so the merge joins both. The clock moves with the pauses: 5 + 10 + 20 + 40 s, past 10 s + the 60 s margin.
     */
    @Test
    void aJobStillRunningAMarginAfterStopAtIsTerminatedAndTheShardsItDidNotWriteMarkTheirPhotosNotDetected() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start("traps"); Storage store = Storage.withS3(() -> s3Client(s3))) {
            store.write(Location.parse("s3://traps/out/stage0/images.jsonl"), """
                    {"file": "A/1.JPG", "uri": "s3://traps/photos/A/1.JPG"}
                    {"file": "A/2.JPG", "uri": "s3://traps/photos/A/2.JPG"}
                    {"file": "B/1.JPG", "uri": "s3://traps/photos/B/1.JPG"}
                    """.getBytes(StandardCharsets.UTF_8));
            byte[] finished = "{\"images\": \"as the finished child wrote it\"}".getBytes(StandardCharsets.UTF_8);
            store.write(Location.parse("s3://traps/out/stage1/shards/detections-00000-of-00002.json"), finished);

            ObjectNode answer = detector(store).submitJob(arrayJobStoppingAt(clock.instant().plusSeconds(10)));

            assertThat(answer.path("StatusReason").asText())
                    .startsWith("Munin: still RUNNING 60 s (munin.detect.stop-margin-seconds) after DETECTOR_STOP_AT");
            batch.verify(postRequestedFor(urlEqualTo(TERMINATE)).withRequestBody(matchingJsonPath("$.jobId", equalTo(JOB_ID))));
            assertThat(store.read(Location.parse("s3://traps/out/stage1/shards/detections-00000-of-00002.json"))).isEqualTo(finished);
            BatchOutput written = MegaDetectorFile.read(store.read(Location.parse("s3://traps/out/stage1/shards/detections-00001-of-00002.json")));
            assertThat(written.images()).extracting(ImageEntry::file).containsExactly("A/2.JPG", "B/1.JPG");
            assertThat(written.images()).extracting(ImageEntry::failure).containsOnly(ImageEntry.NOT_DETECTED_MAX_RUNTIME);
            assertThat(log.warnings()).anySatisfy(warning -> assertThat(warning).contains("was stopped at max_runtime_min; 1 file(s)"));
        }
    }

    private AwsBatchDetector detector(Storage store) {
        return new AwsBatchDetector(client, new DetectorModel("s3://models/md_v5a.0.0.onnx", ""), 0.1, POLLING, store, STOP_MARGIN,
                clock::advance, clock);
    }

    private static ObjectNode arrayJobStoppingAt(Instant stopAt) {
        return (ObjectNode) Json.parse("""
                {"JobName": "munin-detector-s1", "JobQueue": "q", "JobDefinition": "d", "ArrayProperties": {"Size": 2},
                 "ContainerOverrides": {"Environment": [
                   {"Name": "INPUT_URI", "Value": "s3://traps/out/stage0/images.jsonl"},
                   {"Name": "OUTPUT_URI", "Value": "s3://traps/out/stage1/"},
                   {"Name": "DETECTOR_STOP_AT", "Value": "%s"},
                   {"Name": "MUNIN_SHARD_COUNT", "Value": "2"}]},
                 "RetryStrategy": {"Attempts": 2}, "Timeout": {"AttemptDurationSeconds": 3600}}""".formatted(stopAt));
    }

    /** The embedded server's client with the app's HTTP client (the contract's test client uses one the app does not ship). */
    private static S3Client s3Client(EmbeddedS3 s3) {
        return S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).endpointOverride(URI.create(s3.endpoint()))
                .forcePathStyle(true).region(Region.of(EmbeddedS3.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)))
                .build();
    }
}
