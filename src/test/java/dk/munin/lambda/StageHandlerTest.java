package dk.munin.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import org.apache.camel.support.RandomUuidGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda entry point on the real routes and application.properties (the jar's copy), with
 * payloads as Step Functions' lambda:invoke sends them (Payload.$: "$", the whole state after the
 * states before), and S3 on an embedded server speaking the S3 protocol.
 */
class StageHandlerTest {

    private static final String BUCKET = "camera-traps";
    private static final String EXECUTION = "arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:sabah-2009-stationA";

    private static EmbeddedS3 s3;
    private static CamelHost camel;

    @TempDir
    Path dir;
    /** The route's log step names the refusal (logger: the route id); asserted here, not printed. */
    @RegisterExtension
    final LogCapture log = LogCapture.named("guard-budget");

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(BUCKET);
        camel = CamelHost.start(s3.camelProperties());
    }

    @AfterAll
    static void stop() throws Exception {
        camel.stop();
        s3.close();
    }

    @Test
    void guardBudgetAnswersWithTheStatesNewState() throws IOException {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));

        JsonNode state = Json.parse(invoke("guard-budget", Json.write(localManifest(25))));

        assertThat(state.path("session_id").asText()).startsWith("run-");
        assertThat(state.path("guard_budget").path("guard_estimate").path("file_count").asInt()).isEqualTo(1);
    }

    @Test
    void guardBudgetRefusesARunOverBudgetOnS3() throws IOException {
        putPhotos("danum-2010/StationA/IMG_%04d.JPG", 3);

        // The state as RecordExecution leaves it: the manifest, and the execution's id and start time.
        String payload = """
                {"input_uri":"s3://%1$s/danum-2010/","output_uri":"s3://%1$s/results/danum-2010/",
                 "budget_dkk":0.000001,"session_id":"sabah-2009-stationA",
                 "execution":{"id":"%2$s","start_time":"2024-05-01T12:00:00Z"}}
                """.formatted(BUCKET, EXECUTION);

        assertThatThrownBy(() -> invoke("guard-budget", payload)).isExactlyInstanceOf(BudgetExceeded.class)
                .hasMessageContaining("exceeds budget_dkk 0.000001 DKK");
    }

    @Test
    void costEstimationPricesThePhotosStage0Found() throws IOException {
        putPhotos("sabah-2009/StationA/IMG_%04d.JPG", 2);
        String manifest = """
                {"input_uri":"s3://%1$s/sabah-2009/","output_uri":"s3://%1$s/results/sabah-2009/",
                 "budget_dkk":25,"session_id":"sabah-2009-stationA",
                 "execution":{"id":"%2$s","start_time":"2024-05-01T12:00:00Z"}}
                """.formatted(BUCKET, EXECUTION);
        // Each stage's answer is the next one's payload, as OutputPath $.Payload and Payload.$ $ make it.
        String afterGuard = invoke("guard-budget", manifest);
        String afterStage0 = invoke("stage0-exif", afterGuard);

        JsonNode state = Json.parse(invoke("cost-estimation", afterStage0));

        assertThat(state.path("execution").path("id").asText()).isEqualTo(EXECUTION);
        assertThat(state.path("stage0_exif").path("photos_listed").asInt()).isEqualTo(2);
        JsonNode estimate = state.path("cost_estimation");
        assertThat(estimate.path("estimate").path("file_count").asInt()).isEqualTo(2);
        assertThat(estimate.path("shards").asInt()).isEqualTo(1);
        assertThat(estimate.path("estimate").path("estimated_cost").asDouble()).isPositive().isLessThan(25);
    }

    @Test
    void rethrowsTheStagesErrorSoLambdaReportsItsClassName() {
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));

        assertThatThrownBy(() -> invoke("guard-budget", Json.write(localManifest(0.000001)))).isExactlyInstanceOf(BudgetExceeded.class);
        assertThatThrownBy(() -> invoke("guard-budget", "{}")).isExactlyInstanceOf(InvalidManifest.class);
        assertThat(log.warnings()).hasSize(2).satisfiesExactly(
                budget -> assertThat(budget).startsWith("WARN guard-budget refused the run: Estimated cost").contains("exceeds budget_dkk 0.000001 DKK"),
                manifest -> assertThat(manifest).isEqualTo("WARN guard-budget refused the run: Manifest field 'input_uri': is required "
                        + "(a folder, a file: URI or s3://bucket/prefix/)"));
    }

    @Test
    void refusesToStartWithoutAStage() {
        assertThatThrownBy(() -> new StageHandler(" ", camel)).hasMessageContaining("MUNIN_STAGE");
    }

    /**
     * SnapStart's hooks on the started routes: the priming request before the snapshot is refused
     * by GuardBudget as meant (nothing thrown, the refusal logged), the container still answers
     * real requests after a restore, and exchange ids come from a random generator, not from a
     * counter every restored copy of the snapshot would share.
     */
    @Test
    void theSnapshotIsPrimedWithARefusedRequestAndARestoredContainerAnswersWithIdsOfItsOwn() throws IOException {
        SnapStartHooks hooks = new SnapStartHooks(camel);

        hooks.beforeCheckpoint(null);
        hooks.afterRestore(null);

        assertThat(String.join("\n", log.lines())).as("the refusal of the priming request").contains("input_uri");
        TestPhotos.jpeg().writeTo(dir.resolve("photos/S/IMG_0001.JPG"));
        assertThat(Json.parse(invoke("guard-budget", Json.write(localManifest(25)))).path("session_id").asText()).startsWith("run-");
        assertThat(camel.template().getCamelContext().getUuidGenerator()).isInstanceOf(RandomUuidGenerator.class);
    }

    private static String invoke(String stage, String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StageHandler(stage, camel).handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void putPhotos(String keyFormat, int count) throws IOException {
        Path photo = dir.resolve("photo.jpg");
        TestPhotos.jpeg().writeTo(photo);
        byte[] bytes = Files.readAllBytes(photo);
        for (int i = 1; i <= count; i++) {
            String key = keyFormat.formatted(i);
            s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(bytes));
        }
    }

    private ObjectNode localManifest(double budget) {
        return Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", dir.resolve("out").toString()).put("budget_dkk", budget);
    }
}
