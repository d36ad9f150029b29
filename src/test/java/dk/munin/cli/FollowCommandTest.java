package dk.munin.cli;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.trigger.ManifestTrigger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code munin follow} against WireMock speaking the Step Functions API (awsJson1_0, as the API
 * reference documents DescribeExecution) with the real camel-aws2-step-functions client, and the
 * embedded S3 server holding the run report and the trigger's refusals.
 */
class FollowCommandTest {

    private static final String MACHINE = "arn:aws:states:eu-north-1:123456789012:stateMachine:munin-pipeline";
    private static final String MANIFEST = """
            {"input_uri": "s3://field-season/frames/sabah/", "output_uri": "s3://field-season/results/sabah/", "budget_dkk": 25}
            """;

    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private WireMockServer stepFunctions;
    private Path manifest;
    private String executionArn;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        s3 = EmbeddedS3.start("field-season");
        stepFunctions = new WireMockServer(options().dynamicPort());
        stepFunctions.start();
        manifest = Files.writeString(dir.resolve("sabah-2009.json"), MANIFEST);
        executionArn = MACHINE.replace(":stateMachine:", ":execution:") + ":" + ManifestTrigger.executionName("sabah-2009.json", MANIFEST);
    }

    @AfterEach
    void stop() throws Exception {
        stepFunctions.stop();
        s3.close();
    }

    @Test
    void waitsForTheTriggerToStartTheRunFollowsItAndPrintsTheSummaryFromItsReport() {
        put("results/sabah/run_report.json", """
                        {"photos": {"seen": 83, "read": 82, "failed": 1, "failed_photos": [{"file": "A/x.JPG", "error": "no JPEG"}]},
                         "detections": {"detections": 40, "detections_counted": 31, "model_family": "megadetector-v5",
                                        "thresholds": {"animal": 0.2, "person": 0.2, "vehicle": 0.2},
                                        "photos_with_detections": 30, "events": 12, "species_from": "detector",
                                        "events_rules": {"min_delta_time": 5, "delta_time_compared_to": "last_record"}},
                         "weather": {"events_with_weather": 12, "events_without_weather": 0, "provider": "metno"},
                         "budget": {"budget_dkk": 25.0, "estimated_cost_dkk": 0.0156}}""");
        describe(STARTED, "running", executionDoesNotExist());
        describe("running", "done", described("RUNNING", ""));
        describe("done", "done", described("SUCCEEDED", "\"stopDate\": 1764662460.5, \"output\": "
                + TextNode.valueOf("""
                {"session_id": "run-1", "final_results": {"parquet_uri": "s3://field-season/results/sabah/clusters.parquet",
                 "report_uri": "s3://field-season/results/sabah/run_report.json", "weather_uri": null, "files_created": 2, "files": []}}""") + ","));

        int exit = follow();

        assertThat(exit).as(console()).isZero();
        assertThat(console()).contains("RUNNING since", "✓ Success: session run-1", "83 seen, 82 read, 1 failed",
                "estimated 0.0156 DKK of budget 25.0 DKK", "s3://field-season/results/sabah/clusters.parquet");
        stepFunctions.verify(3, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution"))
                .withRequestBody(equalToJson("{\"executionArn\": \"" + executionArn + "\"}")));
    }

    @Test
    void aManifestTheTriggerRefusedEndsTheWaitWithTheRefusal() {
        describe(STARTED, STARTED, executionDoesNotExist());
        put("manifests/sabah-2009.json.error.json", "{\"error\": \"InvalidManifest\", \"field\": \"budget_dkk\", \"reason\": \"must be positive\"}");

        int exit = follow("--manifest-uri", "s3://field-season/manifests/sabah-2009.json");

        assertThat(exit).isEqualTo(MuninCli.BAD_INPUT);
        assertThat(console()).contains("The trigger refused the manifest", "budget_dkk", "must be positive");
    }

    @Test
    void aFailedRunPrintsItsErrorAndCause() {
        describe(STARTED, STARTED, described("FAILED", "\"stopDate\": 1764662460.5, \"error\": \"BudgetExceeded\","
                + " \"cause\": \"Estimated 30.0 DKK exceeds the budget of 10.0 DKK\","));

        int exit = follow();

        assertThat(exit).isEqualTo(MuninCli.RUN_FAILED);
        assertThat(console()).contains("✗ Run failed: BudgetExceeded: Estimated 30.0 DKK exceeds the budget of 10.0 DKK");
    }

    @Test
    void aRunThatNeverStartsIsGivenUpAfterTheStartWait() {
        describe(STARTED, STARTED, executionDoesNotExist());

        int exit = follow();

        assertThat(exit).isEqualTo(MuninCli.RUN_FAILED);
        assertThat(console()).contains("No run started within", "start-execution");
    }

    private int follow(String... more) {
        Properties settings = s3.camelProperties();
        settings.setProperty("camel.component.aws2-step-functions.override-endpoint", "true");
        settings.setProperty("camel.component.aws2-step-functions.uri-endpoint-override", stepFunctions.baseUrl());
        settings.setProperty("camel.component.aws2-step-functions.region", EmbeddedS3.REGION);
        settings.setProperty("camel.component.aws2-step-functions.use-default-credentials-provider", "false");
        settings.setProperty("camel.component.aws2-step-functions.access-key", EmbeddedS3.ACCESS_KEY);
        settings.setProperty("camel.component.aws2-step-functions.secret-key", EmbeddedS3.SECRET_KEY);
        settings.setProperty("munin.follow.poll-interval-ms", "20");
        settings.setProperty("munin.follow.start-wait-seconds", "1");
        settings.setProperty("munin.weather.providers", "none");
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[]{"follow", "--state-machine", MACHINE, "--manifest=" + manifest}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        try (PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            return new MuninCli(out, Clock.systemUTC(), settings).execute(args);
        }
    }

    private String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private void describe(String state, String next, ResponseDefinitionBuilder response) {
        MappingBuilder call = post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution"))
                .inScenario("execution").whenScenarioStateIs(state).willSetStateTo(next);
        stepFunctions.stubFor(call.willReturn(response));
    }

    private ResponseDefinitionBuilder executionDoesNotExist() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\": \"ExecutionDoesNotExist\", \"message\": \"Execution Does Not Exist: '" + executionArn + "'\"}");
    }

    /** DescribeExecution's answer; ended adds the members of an execution that ended (stopDate, output or error and cause). */
    private ResponseDefinitionBuilder described(String status, String ended) {
        String name = executionArn.substring(executionArn.lastIndexOf(':') + 1);
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.0").withBody("""
                {"executionArn": "%s", "stateMachineArn": "%s", "name": "%s", "status": "%s", "startDate": 1764662400.0,
                 %s "input": "{}"}""".formatted(executionArn, MACHINE, name, status, ended));
    }

    private void put(String key, String content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket("field-season").key(key).build(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
