package dk.munin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import dk.munin.trigger.StepFunctionsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trigger's Lambda entry point in a JVM of its own, configured as the stack configures the
 * function (MUNIN_TRIGGER_STATE_MACHINE_ARN, AWS_REGION), given
 * the EventBridge event S3 sends for a new manifest. Only the endpoints are the test's: an
 * embedded S3 server and a Step Functions stand-in, passed as -D settings.
 */
class ManifestEventHandlerTest {

    private static final long TIMEOUT_SECONDS = 120;
    /** EventBridge's "Object Created" event as S3 sends it (Amazon S3 user guide, "EventBridge event message structure"). */
    private static final String EVENT = """
            {
              "version": "0",
              "id": "17793124-05d4-b198-2fde-7ededc63b103",
              "detail-type": "Object Created",
              "source": "aws.s3",
              "account": "123456789012",
              "time": "2024-11-28T12:00:00Z",
              "region": "eu-north-1",
              "resources": ["arn:aws:s3:::field-season"],
              "detail": {
                "version": "0",
                "bucket": {"name": "field-season"},
                "object": {"key": "%s", "size": 120, "etag": "b1946ac92492d2347c6235b4d2611184", "sequencer": "00617F08299329D189"},
                "request-id": "N4N7GDK58NMKJ12R",
                "requester": "123456789012",
                "source-ip-address": "1.2.3.4",
                "reason": "PutObject"
              }
            }""";
    private static final String MANIFEST = """
            {"input_uri": "s3://field-season/raw/", "output_uri": "s3://field-season/results/", "budget_dkk": 5}""";

    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private StepFunctionsStandIn stepFunctions;

    @BeforeEach
    void start() throws Exception {
        s3 = EmbeddedS3.start("field-season");
        stepFunctions = new StepFunctionsStandIn().startsEveryExecution();
    }

    @AfterEach
    void stop() throws Exception {
        stepFunctions.close();
        s3.close();
    }

    /** EventBridge carries the key as it is (S3 notifications would have "autumn+2024+%2B+pups.json"). */
    @Test
    void anObjectCreatedEventForAManifestStartsTheStateMachineTheStackNames() throws Exception {
        put("manifests/autumn 2024 + pups.json", MANIFEST);

        Invoked invoked = invoke(EVENT.formatted("manifests/autumn 2024 + pups.json"));

        assertThat(invoked.exitCode()).as(invoked.console()).isZero();
        assertThat(invoked.reply().path("status").asText()).as(invoked.console()).isEqualTo("STARTED");
        assertThat(invoked.reply().path("manifest").asText()).isEqualTo("s3://field-season/manifests/autumn 2024 + pups.json");
        assertThat(stepFunctions.startRequests()).singleElement().satisfies(request -> {
            assertThat(request.path("stateMachineArn").asText()).as("from MUNIN_TRIGGER_STATE_MACHINE_ARN").isEqualTo(StepFunctionsStandIn.STATE_MACHINE_ARN);
            assertThat(request.path("name").asText()).matches("autumn-2024---pups-[0-9a-f]{12}");
            assertThat(Json.parse(request.path("input").asText())).isEqualTo(Json.parse(MANIFEST));
        });
        assertThat(stepFunctions.authorizations()).singleElement().asString()
                .as("signed for the region in AWS_REGION").contains("/us-west-2/states/aws4_request");
    }

    @Test
    void aRefusedManifestIsAnAnswerNotAnErrorSoLambdaDoesNotRetryIt() throws Exception {
        put("manifests/winter.json", "{\"input_uri\": \"s3://field-season/raw/\", \"budget_dkk\": 5}");

        Invoked invoked = invoke(EVENT.formatted("manifests/winter.json"));

        assertThat(invoked.exitCode()).as(invoked.console()).isZero();
        assertThat(invoked.reply().path("status").asText()).isEqualTo("REFUSED");
        assertThat(invoked.reply().path("error_uri").asText()).isEqualTo("s3://field-season/manifests/winter.json.error.json");
        assertThat(s3.blobs().blobExists("field-season", "manifests/winter.json.error.json")).isTrue();
        assertThat(stepFunctions.startRequests()).isEmpty();
    }

    private record Invoked(int exitCode, JsonNode reply, String console) {
    }

    private Invoked invoke(String event) throws Exception {
        Path reply = dir.resolve("reply.json");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Properties endpoints = s3.camelProperties();
        endpoints.putAll(stepFunctions.camelProperties());
        endpoints.remove("munin.trigger.state-machine-arn");
        endpoints.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalTriggerInvoke.class.getName(), reply.toString()));
        Path console = dir.resolve("console.txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MUNIN_") || name.startsWith("CAMEL_"));
        builder.environment().putAll(Map.of("MUNIN_TRIGGER_STATE_MACHINE_ARN", StepFunctionsStandIn.STATE_MACHINE_ARN,
                "AWS_REGION", "us-west-2"));
        Process process = builder.start();
        process.getOutputStream().write(event.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The trigger function did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String output = Files.readString(console, StandardCharsets.UTF_8);
        JsonNode answer = Files.exists(reply) && Files.size(reply) > 0 ? Json.parse(Files.readString(reply)) : Json.object();
        return new Invoked(process.exitValue(), answer, output);
    }

    private void put(String key, String content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket("field-season").key(key).build(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
