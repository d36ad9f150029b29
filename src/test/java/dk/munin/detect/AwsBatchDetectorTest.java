package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.munin.clock.Sleeper;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.ObjectStore;
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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The aws-batch driver with the real AWS SDK BatchClient against WireMock speaking the AWS Batch
 * REST API as AWS documents it (POST /v1/submitjob, /v1/describejobs, /v1/terminatejob; JSON
 * bodies in Batch's camelCase). Pauses are recorded and move a test clock instead of sleeping.
 */
class AwsBatchDetectorTest {

    private static final String JOB_ID = "4c8f1e2a-0d3b-4d5e-9f60-7a8b9c0d1e2f";
    private static final String QUEUE = "arn:aws:batch:eu-north-1:123456789012:job-queue/munin-detector";
    private static final String DEFINITION = "arn:aws:batch:eu-north-1:123456789012:job-definition/munin-detector:3";
    private static final String SUBMIT = "/v1/submitjob";
    private static final String DESCRIBE = "/v1/describejobs";
    private static final String TERMINATE = "/v1/terminatejob";
    private static final BatchPolling POLLING = new BatchPolling(Duration.ofSeconds(5), 2, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private static final Duration STOP_MARGIN = Duration.ofSeconds(60);
    /** Only a job stopped at stop_at reads or writes storage (AwsBatchStopAtTest). */
    private static final ObjectStore UNUSED_STORE = new LocalFileStore();

    /** Jobs are terminated and Batch answers 500 on purpose: those warnings are asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.of(AwsBatchDetector.class);
    private final WireMockServer batch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    private BatchClient client;

    @BeforeEach
    void start() {
        batch.start();
        client = BatchClient.builder()
                .region(Region.EU_NORTH_1)
                .endpointOverride(URI.create(batch.baseUrl()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "test-secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                // the driver's own polling is under test; the SDK's retries would only add real sleeps
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        batch.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("""
                {"jobArn": "arn:aws:batch:eu-north-1:123456789012:job/%s", "jobName": "munin-detector-s1", "jobId": "%s"}"""
                .formatted(JOB_ID, JOB_ID))));
        batch.stubFor(post(urlEqualTo(TERMINATE)).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        client.close();
        batch.stop();
    }

    @Test
    void submitsTheTasksJobAndWaitsThroughRunnableAndRunningUntilItSucceeds() {
        describeInTurn(job("RUNNABLE", null), job("RUNNING", null), succeededJob());

        ObjectNode answer = detector().submitJob(parameters(0));

        assertThat(answer.path("JobId").asText()).isEqualTo(JOB_ID);
        assertThat(answer.path("JobName").asText()).isEqualTo("munin-detector-s1");
        assertThat(answer.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.path("Container").path("ExitCode").asInt()).isZero();
        assertThat(answer.path("Attempts").get(0).path("Container").path("LogStreamName").asText()).startsWith("munin-detector/default/");
        assertThat(answer.path("CreatedAt").asLong()).isEqualTo(1_795_000_000_000L);
        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(Json.parse(onlyRequest(SUBMIT).getBodyAsString())).isEqualTo(Json.parse("""
                {"jobName": "munin-detector-s1", "jobQueue": "%s", "jobDefinition": "%s",
                 "containerOverrides": {"environment": [
                   {"name": "DETECTOR_MODEL", "value": "s3://models/md_v5a.0.0.onnx"},
                   {"name": "DETECTOR_OUTPUT_THRESHOLD", "value": "0.1"},
                   {"name": "INPUT_URI", "value": "s3://traps/out/stage0/images.jsonl"},
                   {"name": "OUTPUT_URI", "value": "s3://traps/out/stage1/"}]},
                 "retryStrategy": {"attempts": 2},
                 "timeout": {"attemptDurationSeconds": 3600}}""".formatted(QUEUE, DEFINITION)));
        assertThat(batch.findAll(postRequestedFor(urlEqualTo(DESCRIBE))))
                .hasSize(3)
                .allSatisfy(request -> assertThat(Json.parse(request.getBodyAsString())).isEqualTo(Json.parse("{\"jobs\": [\"" + JOB_ID + "\"]}")));
        batch.verify(0, postRequestedFor(urlEqualTo(TERMINATE)));
    }

    @Test
    void theFailureCarriesBatchsReasonTheExitCodeAndTheContainerReason() {
        describeInTurn(job("RUNNING", null), """
                {"jobName": "munin-detector-s1", "jobId": "%s", "jobQueue": "%s", "jobDefinition": "%s",
                 "status": "FAILED", "statusReason": "Essential container in task exited", "createdAt": 1795000000000,
                 "attempts": [
                   {"container": {"exitCode": 137, "reason": "OutOfMemoryError: Container killed due to memory usage",
                                  "logStreamName": "munin-detector/default/first"}, "statusReason": "Essential container in task exited"},
                   {"container": {"exitCode": 2, "logStreamName": "munin-detector/default/second"},
                    "statusReason": "Essential container in task exited"}],
                 "container": {"exitCode": 2, "logStreamName": "munin-detector/default/second"}}"""
                .formatted(JOB_ID, QUEUE, DEFINITION));

        assertThatThrownBy(() -> detector().submitJob(parameters(0)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("AWS Batch job munin-detector-s1 (" + JOB_ID + ") FAILED: Essential container in task exited")
                .hasMessageContaining("exit code 2")
                .hasMessageContaining("log stream munin-detector/default/second");
        batch.verify(0, postRequestedFor(urlEqualTo(TERMINATE)));
    }

    @Test
    void theContainerReasonOfTheLastAttemptIsReported() {
        describeInTurn("""
                {"jobName": "munin-detector-s1", "jobId": "%s", "jobQueue": "%s", "jobDefinition": "%s", "status": "FAILED",
                 "statusReason": "Essential container in task exited", "createdAt": 1795000000000,
                 "attempts": [{"container": {"exitCode": 137, "reason": "OutOfMemoryError: Container killed due to memory usage",
                                             "logStreamName": "munin-detector/default/only"}}]}"""
                .formatted(JOB_ID, QUEUE, DEFINITION));

        assertThatThrownBy(() -> detector().submitJob(parameters(0)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("exit code 137")
                .hasMessageContaining("container: OutOfMemoryError: Container killed due to memory usage");
    }

    @Test
    void anArrayJobIsSubmittedWithItsSizeAndSucceedsWhenAllChildrenDid() {
        describeInTurn(arrayJob("PENDING", "{\"PENDING\": 3}"), arrayJob("RUNNING", "{\"RUNNING\": 2, \"SUCCEEDED\": 1}"),
                arrayJob("SUCCEEDED", "{\"SUCCEEDED\": 3}"));

        ObjectNode answer = detector().submitJob(parameters(3));

        assertThat(answer.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(answer.path("ArrayProperties").path("Size").asInt()).isEqualTo(3);
        assertThat(answer.path("ArrayProperties").path("StatusSummary").path("SUCCEEDED").asInt()).isEqualTo(3);
        JsonNode submitted = Json.parse(onlyRequest(SUBMIT).getBodyAsString());
        assertThat(submitted.path("arrayProperties")).isEqualTo(Json.parse("{\"size\": 3}"));
        assertThat(submitted.path("containerOverrides").path("environment"))
                .contains(Json.parse("{\"name\": \"MUNIN_SHARD_COUNT\", \"value\": \"3\"}"));
    }

    @Test
    void aFailedArrayJobNamesTheChildrenSummaryAndTheFirstFailedChild() {
        describeInTurn(arrayJob("FAILED", "{\"FAILED\": 1, \"SUCCEEDED\": 2}"));
        batch.stubFor(post(urlEqualTo(DESCRIBE)).withRequestBody(matchingJsonPath("$.jobs[?(@ == '" + JOB_ID + ":0')]"))
                .atPriority(1)
                .willReturn(okJson("""
                        {"jobs": [
                          {"jobName": "munin-detector-s1", "jobId": "%1$s:0", "jobQueue": "%2$s", "jobDefinition": "%3$s",
                           "status": "SUCCEEDED", "arrayProperties": {"index": 0}},
                          {"jobName": "munin-detector-s1", "jobId": "%1$s:1", "jobQueue": "%2$s", "jobDefinition": "%3$s",
                           "status": "FAILED", "statusReason": "Essential container in task exited", "arrayProperties": {"index": 1},
                           "container": {"exitCode": 1, "reason": "munin-detector: error: cannot read s3://traps/out/stage0/images.jsonl"}},
                          {"jobName": "munin-detector-s1", "jobId": "%1$s:2", "jobQueue": "%2$s", "jobDefinition": "%3$s",
                           "status": "SUCCEEDED", "arrayProperties": {"index": 2}}]}""".formatted(JOB_ID, QUEUE, DEFINITION))));

        assertThatThrownBy(() -> detector().submitJob(parameters(3)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("FAILED")
                .hasMessageContaining("children {FAILED=1, SUCCEEDED=2}")
                .hasMessageContaining("first failed child " + JOB_ID + ":1: Essential container in task exited; exit code 1")
                .hasMessageContaining("cannot read s3://traps/out/stage0/images.jsonl");
        batch.verify(postRequestedFor(urlEqualTo(DESCRIBE))
                .withRequestBody(equalToJson("{\"jobs\": [\"" + JOB_ID + ":0\", \"" + JOB_ID + ":1\", \"" + JOB_ID + ":2\"]}")));
    }

    @Test
    void pausesGrowByTheFactorUpToTheMaximumAndTheJobIsTerminatedPastItsDeadline() {
        describeInTurn(job("RUNNING", null));

        // attempts 1 x 60 s + 30 s margin = 90 s; polls at 5, 15, 35, 75 and 135 s
        assertThatThrownBy(() -> detector().submitJob(parameters(0, 1, 60)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("was still RUNNING after 1 x 60 s (max_job_duration) + 30 s margin")
                .hasMessageContaining("Munin terminated it");
        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                Duration.ofSeconds(40), Duration.ofSeconds(60));
        batch.verify(postRequestedFor(urlEqualTo(TERMINATE)).withRequestBody(matchingJsonPath("$.jobId", equalTo(JOB_ID)))
                .withRequestBody(matchingJsonPath("$.reason", containing("gave up waiting"))));
        assertThat(log.warnings()).containsExactly("WARN Terminated AWS Batch job munin-detector-s1 (" + JOB_ID
                + "): Munin gave up waiting after 1 x 60 s (max_job_duration) + 30 s margin");
    }

    @Test
    void theIntervalNeverExceedsTheMaximum() {
        BatchPolling polling = new BatchPolling(Duration.ofMillis(1500), 3, Duration.ofSeconds(20), Duration.ZERO);

        List<Duration> intervals = new ArrayList<>();
        Duration pause = polling.firstInterval();
        for (int i = 0; i < 5; i++) {
            intervals.add(pause);
            pause = polling.next(pause);
        }

        assertThat(intervals).containsExactly(Duration.ofMillis(1500), Duration.ofMillis(4500), Duration.ofMillis(13500),
                Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    void aDescribeJobsServerErrorIsPolledAgainNotFatal() {
        batch.stubFor(post(urlEqualTo(DESCRIBE)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("x-amzn-ErrorType", "ServerException")
                        .withBody("{\"__type\": \"ServerException\", \"message\": \"Internal error\"}"))
                .willSetStateTo("recovered"));
        batch.stubFor(post(urlEqualTo(DESCRIBE)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"jobs\": [" + succeededJob() + "]}")));

        ObjectNode answer = detector().submitJob(parameters(0));

        assertThat(answer.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(pauses).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(log.warnings()).singleElement(STRING)
                .startsWith("WARN DescribeJobs for " + JOB_ID + " failed, trying again at the next poll: Internal error")
                .contains("Status Code: 500");
    }

    @Test
    void aRefusedSubmitFailsWithBatchsMessage() {
        batch.stubFor(post(urlEqualTo(SUBMIT)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("x-amzn-ErrorType", "ClientException")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"__type\": \"ClientException\", \"message\": \"Job queue " + QUEUE + " does not exist.\"}")));

        assertThatThrownBy(() -> detector().submitJob(parameters(0)))
                .isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("AWS Batch did not accept the detection job munin-detector-s1")
                .hasMessageContaining("does not exist");
        batch.verify(0, postRequestedFor(urlEqualTo(DESCRIBE)));
    }

    @Test
    void cancellingTheRunTerminatesTheJob() throws Exception {
        describeInTurn(job("RUNNING", null));
        CountDownLatch secondPause = new CountDownLatch(1);
        Sleeper blocksOnTheSecondPause = duration -> {
            synchronized (pauses) {
                pauses.add(duration);
            }
            if (pauses.size() >= 2) {
                secondPause.countDown();
                Thread.sleep(TimeUnit.MINUTES.toMillis(1));
            }
        };
        AwsBatchDetector detector = new AwsBatchDetector(client, new DetectorModel("", ""), 0.1, POLLING, UNUSED_STORE, STOP_MARGIN,
                blocksOnTheSecondPause, clock);

        Outcome outcome = runAndInterrupt(detector, secondPause);

        assertThat(outcome.thrown()).isInstanceOf(DetectorFailed.class)
                .hasMessageContaining("The run was cancelled; AWS Batch job munin-detector-s1 (" + JOB_ID + ") was terminated");
        assertThat(outcome.interruptKept()).isTrue();
        assertThat(Json.parse(onlyRequest(TERMINATE).getBodyAsString()))
                .isEqualTo(Json.parse("{\"jobId\": \"" + JOB_ID + "\", \"reason\": \"Munin run cancelled\"}"));
        assertThat(log.warnings()).containsExactly("WARN Terminated AWS Batch job munin-detector-s1 (" + JOB_ID + "): Munin run cancelled");
    }

    @Test
    void cancellingDuringADescribeJobsCallAlsoTerminatesTheJob() throws Exception {
        batch.stubFor(post(urlEqualTo(DESCRIBE)).willReturn(okJson("{\"jobs\": [" + job("RUNNING", null) + "]}").withFixedDelay(600)));
        CountDownLatch firstPause = new CountDownLatch(1);
        Sleeper signalsTheFirstPause = duration -> {
            synchronized (pauses) {
                pauses.add(duration);
            }
            firstPause.countDown();
        };
        AwsBatchDetector detector = new AwsBatchDetector(client, new DetectorModel("", ""), 0.1, POLLING, UNUSED_STORE, STOP_MARGIN,
                signalsTheFirstPause, clock);

        // DescribeJobs takes 0.6 s to answer: the interrupt lands while the call is under way.
        Outcome outcome = runAndInterrupt(detector, firstPause, Duration.ofMillis(200));

        assertThat(outcome.thrown()).isInstanceOf(DetectorFailed.class).hasMessageContaining("was terminated");
        assertThat(outcome.interruptKept()).isTrue();
        assertThat(pauses).hasSize(1);
        batch.verify(1, postRequestedFor(urlEqualTo(TERMINATE)));
        assertThat(log.warnings()).containsExactly("WARN Terminated AWS Batch job munin-detector-s1 (" + JOB_ID + "): Munin run cancelled");
    }

    @Test
    void photosOnThisMachineAreRefusedBeforeAnythingIsSubmitted() {
        ObjectNode local = (ObjectNode) parameters(0);
        ((ObjectNode) local.at("/ContainerOverrides/Environment/0")).put("Value", "file:/home/me/results/stage0/images.jsonl");

        assertThatThrownBy(() -> detector().submitJob(local))
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("INPUT_URI is file:/home/me/results/stage0/images.jsonl")
                .hasMessageContaining("s3://");
        batch.verify(0, postRequestedFor(urlEqualTo(SUBMIT)));
    }

    @Test
    void aLocalModelPathIsRefusedBecauseTheContainerCannotReadIt() {
        AwsBatchDetector detector = new AwsBatchDetector(client, new DetectorModel("models/FastestDet.onnx", ""), 0.1, POLLING,
                UNUSED_STORE, STOP_MARGIN, pauses::add, clock);

        assertThatThrownBy(detector::checkConfigured)
                .isInstanceOf(DetectorNotConfigured.class)
                .hasMessageContaining("an AWS Batch container cannot read")
                .hasMessageContaining("s3://");
        new AwsBatchDetector(client, new DetectorModel("", ""), 0.1, POLLING, UNUSED_STORE, STOP_MARGIN, pauses::add, clock).checkConfigured();
    }

    // --- helpers ---------------------------------------------------------------------------

    private AwsBatchDetector detector() {
        Sleeper recording = duration -> {
            pauses.add(duration);
            clock.advance(duration);
        };
        return new AwsBatchDetector(client, new DetectorModel("s3://models/md_v5a.0.0.onnx", ""), 0.1, POLLING, UNUSED_STORE,
                STOP_MARGIN, recording, clock);
    }

    private record Outcome(Throwable thrown, boolean interruptKept) {
    }

    private static Outcome runAndInterrupt(AwsBatchDetector detector, CountDownLatch ready) throws InterruptedException {
        return runAndInterrupt(detector, ready, Duration.ZERO);
    }

    /** Runs the driver on its own thread and interrupts it, as Ctrl-C in `munin run` does, once {@code ready} opens. */
    private static Outcome runAndInterrupt(AwsBatchDetector detector, CountDownLatch ready, Duration delay) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread run = new Thread(() -> {
            try {
                detector.submitJob(parameters(0));
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        }, "detect");
        run.start();
        assertThat(ready.await(20, TimeUnit.SECONDS)).as("the driver got to the point of cancelling").isTrue();
        Thread.sleep(delay.toMillis());
        run.interrupt();
        run.join(20_000);
        assertThat(run.isAlive()).isFalse();
        return new Outcome(thrown.get(), interruptKept.get());
    }

    private LoggedRequest onlyRequest(String path) {
        List<LoggedRequest> requests = batch.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).as(path).hasSize(1);
        return requests.get(0);
    }

    /** DescribeJobs answers with these job details in turn; the last one repeats. */
    private void describeInTurn(String... jobs) {
        String state = STARTED;
        for (int i = 0; i < jobs.length; i++) {
            String next = i + 1 < jobs.length ? "poll-" + (i + 1) : state;
            ScenarioMappingBuilder poll = post(urlEqualTo(DESCRIBE)).inScenario("job").whenScenarioStateIs(state)
                    .willReturn(okJson("{\"jobs\": [" + jobs[i] + "]}"));
            batch.stubFor(next.equals(state) ? poll : poll.willSetStateTo(next));
            state = next;
        }
    }

    private static String job(String status, String statusReason) {
        return """
                {"jobArn": "arn:aws:batch:eu-north-1:123456789012:job/%1$s", "jobName": "munin-detector-s1", "jobId": "%1$s",
                 "jobQueue": "%2$s", "jobDefinition": "%3$s", "status": "%4$s"%5$s, "createdAt": 1795000000000}"""
                .formatted(JOB_ID, QUEUE, DEFINITION, status, statusReason == null ? "" : ", \"statusReason\": \"" + statusReason + "\"");
    }

    private static String succeededJob() {
        return """
                {"jobArn": "arn:aws:batch:eu-north-1:123456789012:job/%1$s", "jobName": "munin-detector-s1", "jobId": "%1$s",
                 "jobQueue": "%2$s", "jobDefinition": "%3$s", "status": "SUCCEEDED",
                 "statusReason": "Essential container in task exited", "createdAt": 1795000000000,
                 "startedAt": 1795000060000, "stoppedAt": 1795000900000,
                 "attempts": [{"container": {"exitCode": 0, "logStreamName": "munin-detector/default/0a1b2c"},
                               "startedAt": 1795000060000, "stoppedAt": 1795000900000}],
                 "container": {"image": "123456789012.dkr.ecr.eu-north-1.amazonaws.com/munin-detector:latest", "exitCode": 0,
                               "logStreamName": "munin-detector/default/0a1b2c"}}""".formatted(JOB_ID, QUEUE, DEFINITION);
    }

    private static String arrayJob(String status, String statusSummary) {
        return """
                {"jobArn": "arn:aws:batch:eu-north-1:123456789012:job/%1$s", "jobName": "munin-detector-s1", "jobId": "%1$s",
                 "jobQueue": "%2$s", "jobDefinition": "%3$s", "status": "%4$s", "createdAt": 1795000000000,
                 "arrayProperties": {"statusSummary": %5$s, "size": 3}}""".formatted(JOB_ID, QUEUE, DEFINITION, status, statusSummary);
    }

    /** The parameters the ASL's SubmitBatchStage1 (size 0) or SubmitBatchStage1Array resolves to. */
    private static JsonNode parameters(int arraySize) {
        return parameters(arraySize, 2, 3600);
    }

    private static JsonNode parameters(int arraySize, int attempts, int duration) {
        ObjectNode parameters = (ObjectNode) Json.parse("""
                {"JobName": "munin-detector-s1", "JobQueue": "%s", "JobDefinition": "%s",
                 "ContainerOverrides": {"Environment": [
                   {"Name": "INPUT_URI", "Value": "s3://traps/out/stage0/images.jsonl"},
                   {"Name": "OUTPUT_URI", "Value": "s3://traps/out/stage1/"}]},
                 "RetryStrategy": {"Attempts": %d}, "Timeout": {"AttemptDurationSeconds": %d}}"""
                .formatted(QUEUE, DEFINITION, attempts, duration));
        if (arraySize > 0) {
            parameters.putObject("ArrayProperties").put("Size", arraySize);
            parameters.withArray("/ContainerOverrides/Environment").addObject()
                    .put("Name", "MUNIN_SHARD_COUNT").put("Value", String.valueOf(arraySize));
        }
        return parameters;
    }
}
