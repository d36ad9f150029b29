package dk.munin.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.MuninBeans;
import dk.munin.contract.storage.Location;
import dk.munin.state.InvalidState;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.testing.LogCapture;
import dk.munin.testing.TestPhotos;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every stage as a route: the real YAML routes, the real application.properties and the real
 * wiring (MuninBeans) in a CamelContext, each stage handed the state the stages before it
 * produced, as the workflow hands it on. Every output is held to docs/run-state.schema.json,
 * and every stage refuses a state without what it needs, naming itself and the field.
 * Detection runs in precomputed mode here (a MegaDetector file the test writes), so no detector
 * process is needed; the detector's own route behaviour is tested with the real jar elsewhere.
 */
class StageRoutesTest extends CamelTestSupport {

    @TempDir
    Path dir;
    /** The stages' refusals (each logged under its route id), provoked on purpose: asserted here, not printed. */
    @RegisterExtension
    final LogCapture refusals = LogCapture.named(Arrays.stream(Stage.values()).map(Stage::routeId).toArray(String[]::new));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getPropertiesComponent().setLocation("file:application.properties");
        Properties overrides = new Properties();
        overrides.setProperty("munin.weather.providers", "none");
        overrides.setProperty("munin.detect.mode", "precomputed");
        overrides.setProperty("munin.detect.precomputed-file", dir.resolve("md_output.json").toString());
        camel.getPropertiesComponent().setOverrideProperties(overrides);
        new MuninBeans().configure(camel);
        return camel;
    }

    /** The stage routes and their error handling, as camel.main.routes-include-pattern loads them. */
    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                var resources = PluginHelper.getResourceLoader(getContext());
                PluginHelper.getRoutesLoader(getContext()).loadRoutes(resources.resolveResource("classpath:routes/error-handling.yaml"));
                for (Stage stage : Stage.values()) {
                    PluginHelper.getRoutesLoader(getContext()).loadRoutes(resources.resolveResource("classpath:routes/" + stage.routeId() + ".yaml"));
                }
            }
        };
    }

    @Test
    void guardBudgetCompletesTheManifestAndPricesThePhotos() throws Exception {
        JsonNode state = stateAfter(Stage.GUARD_BUDGET);

        RunStateSchema.assertValidState(state);
        assertThat(state.path("session_id").asText()).startsWith("run-");
        assertThat(state.at("/guard_budget/guard_estimate/file_count").asInt()).isEqualTo(2);
    }

    @Test
    void stage0ExifWritesTheImagesListAndCountsIt() throws Exception {
        JsonNode state = stateAfter(Stage.STAGE0_EXIF);

        RunStateSchema.assertValidState(state);
        assertThat(state.at("/stage0_exif/photos_listed").asInt()).isEqualTo(2);
        assertThat(Location.parse(state.at("/stage0_exif/images_uri").asText()).path()).exists();
    }

    @Test
    void costEstimationPricesTheJobAndPlansTheShards() throws Exception {
        JsonNode state = stateAfter(Stage.COST_ESTIMATION);

        RunStateSchema.assertValidState(state);
        assertThat(state.at("/cost_estimation/shards").asInt()).isEqualTo(1);
        assertThat(state.at("/cost_estimation/stage1_uri").asText()).endsWith("/out/stage1/");
    }

    @Test
    void submitBatchStage1RunsTheJobAndAnswersAsAwsBatchDoes() throws Exception {
        JsonNode job = Json.parse(template.requestBody(direct(Stage.SUBMIT_BATCH_STAGE1), Json.write(jobParameters(
                stateAfter(Stage.COST_ESTIMATION))), String.class));

        assertThat(job.path("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(dir.resolve("out/stage1/detections.json")).exists();
    }

    @Test
    void mergeDetectionsChecksTheDetectorsFile() throws Exception {
        JsonNode state = stateAfter(Stage.MERGE_DETECTIONS);

        RunStateSchema.assertValidState(state);
        assertThat(state.at("/merge_detections/photos").asInt()).isEqualTo(2);
    }

    @Test
    void stage2PostGroupsTheDetectionsIntoEvents() throws Exception {
        JsonNode state = stateAfter(Stage.STAGE2_POST);

        RunStateSchema.assertValidState(state);
        assertThat(state.at("/stage2_post/events").asInt()).isEqualTo(1);
    }

    @Test
    void weatherEnrichmentSaysWhyThereIsNoWeather() throws Exception {
        JsonNode state = stateAfter(Stage.WEATHER_ENRICHMENT);

        RunStateSchema.assertValidState(state);
        assertThat(state.at("/weather_enrichment/without_weather/provider_none").asInt()).isEqualTo(1);
    }

    @Test
    void writeParquetEndsWithTheSeedsOutputFormat() throws Exception {
        JsonNode result = run(Stage.WRITE_PARQUET, stateAfter(Stage.WEATHER_ENRICHMENT));

        RunStateSchema.assertValidResult(result);
        assertThat(Location.parse(result.at("/final_results/parquet_uri").asText()).path()).exists();
    }

    @Test
    void everyStageRefusesAStateWithoutWhatItNeedsNamingItselfAndTheField() throws Exception {
        JsonNode manifestOnly = RunState.read(Stage.STAGE0_EXIF, stateAfter(Stage.GUARD_BUDGET)).withStage0Exif(null).toJson()
                .without(RunState.GUARD_BUDGET);
        for (Stage stage : new Stage[] {Stage.COST_ESTIMATION, Stage.MERGE_DETECTIONS, Stage.STAGE2_POST,
                Stage.WEATHER_ENRICHMENT, Stage.WRITE_PARQUET}) {
            assertThatThrownBy(() -> run(stage, manifestOnly)).as(stage.stateName())
                    .isInstanceOf(CamelExecutionException.class)
                    .cause().isInstanceOf(InvalidState.class)
                    .hasMessageStartingWith(stage.stateName() + " needs '");
            assertThat(refusals.warnings()).as(stage.stateName())
                    .anyMatch(line -> line.startsWith("WARN " + stage.routeId() + " refused the run: " + stage.stateName() + " needs '"));
        }
    }

    /** The state when {@code last} has run, from a manifest over two photos of one camera, through every stage before it. */
    private JsonNode stateAfter(Stage last) throws Exception {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 0)).writeTo(dir.resolve("photos/S1/IMG_0001.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 5)).writeTo(dir.resolve("photos/S1/IMG_0002.JPG"));
        Files.writeString(dir.resolve("md_output.json"), """
                {"info": {"format_version": "1.6", "detector": "md_v5a.0.0.pt"},
                 "detection_categories": {"1": "animal", "2": "person", "3": "vehicle"},
                 "images": [{"file": "S1/IMG_0001.JPG", "detections": [{"category": "1", "conf": 0.9, "bbox": [0.1, 0.1, 0.3, 0.3]}]},
                            {"file": "S1/IMG_0002.JPG", "detections": []}]}""");
        ObjectNode state = Json.object().put("input_uri", dir.resolve("photos").toString())
                .put("output_uri", dir.resolve("out").toString()).put("budget_dkk", 5.0).put("time_zone", "Europe/Copenhagen");
        JsonNode current = state;
        for (Stage stage : new Stage[] {Stage.GUARD_BUDGET, Stage.STAGE0_EXIF, Stage.COST_ESTIMATION, Stage.SUBMIT_BATCH_STAGE1,
                Stage.MERGE_DETECTIONS, Stage.STAGE2_POST, Stage.WEATHER_ENRICHMENT}) {
            current = stage == Stage.SUBMIT_BATCH_STAGE1 ? afterJob(current) : run(stage, current);
            if (stage == last) {
                return current;
            }
        }
        return current;
    }

    /** What the ASL's SubmitBatchStage1 does with the job description: ResultSelector into submit_batch_stage1. */
    private JsonNode afterJob(JsonNode state) {
        JsonNode job = Json.parse(template.requestBody(direct(Stage.SUBMIT_BATCH_STAGE1), Json.write(jobParameters(state)), String.class));
        ObjectNode next = state.deepCopy();
        next.putObject(RunState.SUBMIT_BATCH_STAGE1).put("job_id", job.path("JobId").asText())
                .put("job_name", job.path("JobName").asText()).put("status", job.path("Status").asText());
        return next;
    }

    /** The Parameters pipeline.asl.json's SubmitBatchStage1 gives the job. */
    private static ObjectNode jobParameters(JsonNode state) {
        ObjectNode parameters = Json.object().put("JobName", "munin-detector-" + state.path("session_id").asText())
                .put("JobQueue", "arn:aws:batch:eu-north-1:000000000000:job-queue/q")
                .put("JobDefinition", "arn:aws:batch:eu-north-1:000000000000:job-definition/d:1");
        var environment = parameters.putObject("ContainerOverrides").putArray("Environment");
        environment.addObject().put("Name", "INPUT_URI").put("Value", state.at("/stage0_exif/images_uri").asText());
        environment.addObject().put("Name", "OUTPUT_URI").put("Value", state.at("/cost_estimation/stage1_uri").asText());
        return parameters;
    }

    private JsonNode run(Stage stage, JsonNode state) {
        return Json.parse(template.requestBody(direct(stage), Json.write(state), String.class));
    }

    private static String direct(Stage stage) {
        return "direct:" + stage.routeId();
    }
}
