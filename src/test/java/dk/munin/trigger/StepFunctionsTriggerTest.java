package dk.munin.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sfn.model.SfnException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The trigger that starts the deployed workflow, on the real routes and settings: manifests in
 * an embedded S3 server read by the real camel-aws2-s3 client, and the real
 * camel-aws2-step-functions client talking Step Functions' wire protocol to a stand-in.
 */
class StepFunctionsTriggerTest {

    private static final String BUCKET = "field-season";
    private static final String MANIFEST = """
            {"input_uri": "s3://field-season/raw/", "output_uri": "s3://field-season/results/", "budget_dkk": 5}
            """;

    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture log = LogCapture.of(StepFunctionsStarter.class, StepFunctionsTrigger.class, TriggerLog.class, FailedManifests.class);
    /** The route's error handling (stage-errors) logs under the route id. */
    @RegisterExtension
    final LogCapture routeLog = LogCapture.named("start-execution");
    private EmbeddedS3 s3;
    private StepFunctionsStandIn stepFunctions;
    private final Main camel = new Main();

    @BeforeEach
    void start() throws Exception {
        s3 = EmbeddedS3.start(BUCKET);
        stepFunctions = new StepFunctionsStandIn();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        stepFunctions.close();
        s3.close();
    }

    @Test
    void aManifestInS3StartsAnExecutionNamedForItWithTheManifestAsInput() {
        stepFunctions.startsEveryExecution();
        put("manifests/autumn.json", MANIFEST);
        String name = ManifestTrigger.executionName("autumn.json", MANIFEST);

        JsonNode reply = startExecution("manifests/autumn.json");

        assertThat(stepFunctions.startRequests()).singleElement().satisfies(request -> {
            assertThat(request.path("stateMachineArn").asText()).isEqualTo(StepFunctionsStandIn.STATE_MACHINE_ARN);
            assertThat(request.path("name").asText()).isEqualTo(name).matches("autumn-[0-9a-f]{12}");
            assertThat(Json.parse(request.path("input").asText())).as("the workflow's input: the manifest").isEqualTo(Json.parse(MANIFEST));
        });
        assertThat(reply.path("status").asText()).isEqualTo("STARTED");
        assertThat(reply.path("execution_name").asText()).isEqualTo(name);
        assertThat(reply.path("execution_arn").asText())
                .isEqualTo("arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:" + name);
        assertThat(reply.path("manifest").asText()).isEqualTo("s3://field-season/manifests/autumn.json");
    }

    /** Step Functions answers a second StartExecution of a used name with ExecutionAlreadyExists (once the run closed, or with other input). */
    @Test
    void theSameManifestDeliveredTwiceStartsOneExecutionWhenTheNameIsTaken() {
        stepFunctions.startsOnceThenNameTaken();
        put("manifests/autumn.json", MANIFEST);
        String name = ManifestTrigger.executionName("autumn.json", MANIFEST);

        JsonNode first = startExecution("manifests/autumn.json");
        JsonNode second = startExecution("manifests/autumn.json");

        assertThat(first.path("status").asText()).isEqualTo("STARTED");
        assertThat(second.path("status").asText()).isEqualTo("ALREADY_STARTED");
        assertThat(second.path("execution_arn").asText()).isEqualTo(first.path("execution_arn").asText());
        assertThat(stepFunctions.startRequests()).extracting(request -> request.path("name").asText()).containsExactly(name, name);
        assertThat(log.lines()).filteredOn(line -> line.contains("not starting it again")).singleElement(STRING)
                .startsWith("INFO Manifest s3://field-season/manifests/autumn.json was started before, as execution " + name)
                .contains("Execution Already Exists");
    }

    /** A STANDARD state machine answers StartExecution with the name and input of a running execution with that execution. */
    @Test
    void theSameManifestDeliveredTwiceWhileItRunsGetsTheSameExecutionBack() {
        stepFunctions.startsEveryExecution();
        put("manifests/autumn.json", MANIFEST);

        JsonNode first = startExecution("manifests/autumn.json");
        JsonNode second = startExecution("manifests/autumn.json");

        assertThat(stepFunctions.startRequests()).hasSize(2).allSatisfy(request -> assertThat(request)
                .as("same name and input, which is what makes StartExecution idempotent").isEqualTo(stepFunctions.startRequests().get(0)));
        assertThat(second.path("execution_arn").asText()).isEqualTo(first.path("execution_arn").asText());
    }

    @Test
    void aRefusedManifestGetsAnErrorFileBesideItNamingTheFieldAndStartsNothing() throws Exception {
        stepFunctions.startsEveryExecution();
        put("manifests/winter.json", """
                {"input_uri": "s3://field-season/raw/", "output_uri": "s3://field-season/results/", "budget_dkk": 0}""");

        JsonNode reply = startExecution("manifests/winter.json");

        assertThat(stepFunctions.startRequests()).isEmpty();
        assertThat(reply.path("status").asText()).isEqualTo("REFUSED");
        assertThat(reply.path("error_uri").asText()).isEqualTo("s3://field-season/manifests/winter.json.error.json");
        JsonNode error = Json.parse(get("manifests/winter.json.error.json"));
        assertThat(error.path("manifest").asText()).isEqualTo("s3://field-season/manifests/winter.json");
        assertThat(error.path("error").asText()).isEqualTo("InvalidManifest");
        assertThat(error.path("field").asText()).isEqualTo("budget_dkk");
        assertThat(error.path("reason").asText()).isEqualTo("must be greater than 0, got 0");
        assertThat(Instant.parse(error.path("at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(fieldNames(error)).as("the fields docs/manifest.md documents").isEqualTo(fieldNames(documentedErrorFile()));
    }

    @Test
    void aManifestThatIsNotJsonGetsAnErrorFileAndStartsNothing() throws Exception {
        stepFunctions.startsEveryExecution();
        put("manifests/typo.json", "{\"input_uri\": \"s3://field-season/raw/\",");

        JsonNode reply = startExecution("manifests/typo.json");

        assertThat(stepFunctions.startRequests()).isEmpty();
        assertThat(reply.path("status").asText()).isEqualTo("REFUSED");
        JsonNode error = Json.parse(get("manifests/typo.json.error.json"));
        assertThat(error.path("field").asText()).isEqualTo("(manifest)");
        assertThat(error.path("reason").asText()).startsWith("is not valid JSON");
    }

    @Test
    void theTriggersOwnErrorFileStartsNothing() {
        stepFunctions.startsEveryExecution();
        put("manifests/typo.json.error.json", "{\"manifest\": \"s3://field-season/manifests/typo.json\"}");

        JsonNode reply = startExecution("manifests/typo.json.error.json");

        assertThat(reply.path("status").asText()).isEqualTo("IGNORED");
        assertThat(stepFunctions.startRequests()).isEmpty();
        assertThat(s3.blobs().blobExists(BUCKET, "manifests/typo.json.error.json.error.json")).isFalse();
    }

    /** Any other error of Step Functions (here: the state machine is gone) fails the call, so that Lambda retries the event. */
    @Test
    void anotherStepFunctionsErrorIsNotTakenForAStart() {
        put("manifests/autumn.json", MANIFEST);

        assertThatThrownBy(() -> startExecution("manifests/autumn.json")).isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(SfnException.class);
        assertThat(routeLog.warnings()).singleElement(STRING).startsWith("ERROR start-execution failed unexpectedly");
    }

    /** camel run with munin.trigger.start=step-functions: a manifest dropped in the watched folder starts one execution on AWS. */
    @Test
    void aManifestDroppedInTheWatchedFolderStartsOneExecutionOnStepFunctions() throws Exception {
        stepFunctions.startsEveryExecution();
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.start", "step-functions");
        camel.addOverrideProperty("munin.trigger.folder", manifests.toString());
        String manifest = """
                {"input_uri": "%s", "output_uri": "%s", "budget_dkk": 5}""".formatted(dir.resolve("photos"), dir.resolve("out"));
        startCamel();

        Files.writeString(manifests.resolve("autumn.json"), manifest);
        await(() -> Files.exists(manifests.resolve(".started/autumn.json")));

        assertThat(stepFunctions.startRequests()).singleElement().satisfies(request -> {
            assertThat(request.path("name").asText()).isEqualTo(ManifestTrigger.executionName("autumn.json", manifest));
            assertThat(Json.parse(request.path("input").asText())).isEqualTo(Json.parse(manifest));
        });
        assertThat(dir.resolve("out")).as("nothing ran here").doesNotExist();
    }

    @Test
    void aRefusedManifestDroppedInTheWatchedFolderGoesToFailedWithItsErrorFileWhereItWas() throws Exception {
        stepFunctions.startsEveryExecution();
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.start", "step-functions");
        camel.addOverrideProperty("munin.trigger.folder", manifests.toString());
        startCamel();

        Files.writeString(manifests.resolve("winter.json"), "{\"budget_dkk\": 5}");
        await(() -> Files.exists(manifests.resolve(".failed/winter.json")));
        Thread.sleep(1000); // a few more polls: the error file beside the manifests must not be taken for one

        assertThat(Json.parse(Files.readString(manifests.resolve("winter.json.error.json"))).path("field").asText()).isEqualTo("input_uri");
        assertThat(manifests.resolve(".failed/winter.json.error.json")).doesNotExist();
        assertThat(manifests.resolve(".started")).doesNotExist();
        assertThat(stepFunctions.startRequests()).isEmpty();
        assertThat(log.warnings()).filteredOn(line -> line.startsWith("WARN Manifest winter.json was refused")).singleElement(STRING)
                .contains(manifests.resolve("winter.json.error.json").toString()).endsWith("fix it and drop it again");
    }

    /**
     * camel run watching an S3 prefix, as application.properties documents it: a manifest delivered
     * twice starts one execution; a refused one starts none and goes to failed/ with its error file
     * beside it, since the S3 consumer would otherwise read it again at every poll.
     */
    @Test
    void manifestsDroppedUnderAWatchedS3PrefixStartOneExecutionEachAndARefusedOneNone() throws Exception {
        stepFunctions.startsOnceThenNameTaken();
        camel.addOverrideProperty("munin.trigger.enabled", "true");
        camel.addOverrideProperty("munin.trigger.start", "step-functions");
        camel.addOverrideProperty("munin.trigger.uri", "aws2-s3://" + BUCKET + "?prefix=manifests/&delay=200"
                + "&moveAfterRead=true&destinationBucket=" + BUCKET + "&destinationBucketPrefix=started/");
        startCamel();

        put("manifests/autumn.json", MANIFEST);
        put("manifests/winter.json", "{\"budget_dkk\": 5}");
        await(() -> exists("started/manifests/autumn.json") && exists("failed/manifests/winter.json.error.json"));
        put("manifests/autumn.json", MANIFEST);
        await(() -> !exists("manifests/autumn.json"));
        Thread.sleep(1000); // more polls: nothing left under the prefix may start anything

        String name = ManifestTrigger.executionName("autumn.json", MANIFEST);
        assertThat(stepFunctions.startRequests()).extracting(request -> request.path("name").asText())
                .as("the second delivery asks again under the same name, which Step Functions refuses").containsExactly(name, name);
        assertThat(Json.parse(get("failed/manifests/winter.json.error.json")).path("field").asText()).isEqualTo("input_uri");
        assertThat(new String(get("failed/manifests/winter.json"), StandardCharsets.UTF_8)).isEqualTo("{\"budget_dkk\": 5}");
        assertThat(s3.blobs().list(BUCKET).contents()).extracting(object -> object.key()).as("nothing left under the prefix")
                .noneMatch(key -> key.startsWith("manifests/"));
        assertThat(log.warnings()).filteredOn(line -> line.contains("did not start: moved to")).singleElement(STRING)
                .contains("s3://field-season/failed/manifests/winter.json, its error file beside it");
        assertThat(log.lines()).filteredOn(line -> line.contains("not starting it again")).hasSize(1);
    }

    private boolean exists(String key) {
        return s3.blobs().blobExists(BUCKET, key);
    }

    private JsonNode startExecution(String key) {
        if (!camel.isStarted()) {
            startCamel();
        }
        String event = """
                {"version": "0", "id": "17793124-05d4-b198-2fde-7ededc63b103", "detail-type": "Object Created",
                 "source": "aws.s3", "account": "123456789012", "time": "2024-11-28T12:00:00Z", "region": "eu-north-1",
                 "resources": ["arn:aws:s3:::field-season"],
                 "detail": {"version": "0", "bucket": {"name": "field-season"},
                            "object": {"key": "%s", "size": 120, "etag": "b1946ac92492d2347c6235b4d2611184", "sequencer": "00617F08299329D189"},
                            "request-id": "N4N7GDK58NMKJ12R", "requester": "123456789012", "source-ip-address": "1.2.3.4",
                            "reason": "PutObject"}}""".formatted(key);
        return Json.parse(camel.getCamelContext().createProducerTemplate().requestBody("direct:start-execution", event, String.class));
    }

    private void startCamel() {
        Properties settings = s3.camelProperties();
        settings.putAll(stepFunctions.camelProperties());
        settings.forEach((key, value) -> camel.addOverrideProperty((String) key, (String) value));
        try {
            camel.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(String key, String content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(),
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private byte[] get(String key) throws Exception {
        try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob(BUCKET, key)) {
            return in.readAllBytes();
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The example under "When a manifest is refused" in docs/manifest.md. */
    private static JsonNode documentedErrorFile() throws IOException {
        String doc = Files.readString(Path.of("docs", "manifest.md"));
        int section = doc.indexOf("## When a manifest is refused");
        assertThat(section).as("docs/manifest.md documents the error file").isNotNegative();
        int start = doc.indexOf("```json\n", section) + "```json\n".length();
        return Json.parse(doc.substring(start, doc.indexOf("```", start)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 30 s for the trigger").isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
