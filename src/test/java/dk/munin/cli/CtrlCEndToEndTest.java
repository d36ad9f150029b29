package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C in `munin run` while an AWS Batch job runs: `munin run` is started as its own JVM,
 * with photos and results in an embedded S3 server and munin.detect.mode=aws-batch against
 * WireMock speaking the Batch REST API, and gets a real SIGINT once the job is RUNNING. The job
 * must be terminated before the program exits.
 */
class CtrlCEndToEndTest {

    private static final String JOB_ID = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String QUEUE = "arn:aws:batch:eu-north-1:123456789012:job-queue/munin-detector";
    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;
    private final WireMockServer batch = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private Process munin;
    private EmbeddedS3 s3;

    @BeforeEach
    void startBatch() {
        batch.start();
        batch.stubFor(post(urlEqualTo("/v1/submitjob")).willReturn(okJson("""
                {"jobArn": "arn:aws:batch:eu-north-1:123456789012:job/%1$s", "jobName": "munin-detector-ctrl-c", "jobId": "%1$s"}"""
                .formatted(JOB_ID))));
        batch.stubFor(post(urlEqualTo("/v1/describejobs")).willReturn(okJson("""
                {"jobs": [{"jobName": "munin-detector-ctrl-c", "jobId": "%s", "jobQueue": "%s",
                           "jobDefinition": "arn:aws:batch:eu-north-1:123456789012:job-definition/munin-detector:3",
                           "status": "RUNNING", "createdAt": 1795000000000, "startedAt": 1795000060000}]}""".formatted(JOB_ID, QUEUE))));
        batch.stubFor(post(urlEqualTo("/v1/terminatejob")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() throws Exception {
        if (munin != null && munin.isAlive()) {
            munin.destroyForcibly();
        }
        batch.stop();
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void ctrlCTerminatesTheRunningAwsBatchJobBeforeMuninExits() throws Exception {
        s3 = EmbeddedS3.start("field-season");
        for (String photo : List.of("raw/StationA/IMG_0001.JPG", "raw/StationA/IMG_0002.JPG")) {
            s3.blobs().putBlob(PutObjectRequest.builder().bucket("field-season").key(photo).build(),
                    new ByteArrayInputStream(TestPhotos.jpeg().bytes()));
        }
        Path console = dir.resolve("console.txt");
        munin = munin(console, "run", "--input", "s3://field-season/raw/", "--output", "s3://field-season/results/",
                "--budget-dkk", "5", "--session-id", "ctrl-c");

        awaitDescribeJobs(console);
        new ProcessBuilder("kill", "-INT", String.valueOf(munin.pid())).inheritIO().start().waitFor();

        boolean exited = munin.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        String output = Files.readString(console, StandardCharsets.UTF_8);
        // the console says how far the cancellation got, should it hang
        assertThat(exited).as("munin exits after Ctrl-C:%n%s", output).isTrue();
        List<LoggedRequest> terminations = batch.findAll(postRequestedFor(urlEqualTo("/v1/terminatejob")));
        assertThat(terminations).as(output).hasSize(1);
        JsonNode termination = Json.parse(terminations.get(0).getBodyAsString());
        assertThat(termination.get("jobId").asText()).isEqualTo(JOB_ID);
        assertThat(termination.get("reason").asText()).isEqualTo("Munin run cancelled");
        assertThat(output).contains("Cancelling the run").contains("Run cancelled in SubmitBatchStage1");
        assertThat(munin.exitValue()).isEqualTo(MuninCli.CANCELLED);
        JsonNode submitted = Json.parse(batch.findAll(postRequestedFor(urlEqualTo("/v1/submitjob"))).get(0).getBodyAsString());
        assertThat(submitted.get("jobQueue").asText()).isEqualTo(QUEUE);
    }

    /** Waits until the driver polls the job, i.e. the run is inside SubmitBatchStage1 with the job RUNNING. */
    private void awaitDescribeJobs(Path console) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (batch.findAll(postRequestedFor(urlEqualTo("/v1/describejobs"))).isEmpty()) {
            if (!munin.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("munin never polled the Batch job (alive: " + munin.isAlive() + "):\n"
                        + Files.readString(console, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }

    /** `munin run` in its own JVM, from the project root (application.properties, the ASL), on this test's class path. */
    private Process munin(Path console, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dmunin.detect.mode=aws-batch",
                "-Dmunin.detect.batch.endpoint=" + batch.baseUrl(),
                "-Dmunin.detect.batch.poll-first-interval-ms=200",
                "-Dmunin.detect.batch.poll-max-interval-ms=500",
                "-Dmunin.workflow.local-spot-job-queue-arn=" + QUEUE,
                "-Dmunin.workflow.local-on-demand-job-queue-arn=" + QUEUE,
                "-Dmunin.weather.providers=none"));
        s3.camelProperties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(MuninCli.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("MUNIN_"));
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
        env.put("AWS_REGION", "eu-north-1");
        return builder.start();
    }
}
