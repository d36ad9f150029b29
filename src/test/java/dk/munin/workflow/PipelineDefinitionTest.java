package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.contract.storage.StorageUnavailable;
import dk.munin.stage.mergedetections.DetectionsIncomplete;
import dk.munin.state.Json;
import dk.munin.testing.TestBudgets;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real cloudformation/statemachine/pipeline.asl.json, run by the embedded runner against stub stages. */
class PipelineDefinitionTest {

    private final PipelineFixture pipeline = new PipelineFixture();

    PipelineDefinitionTest() throws Exception {
    }

    @AfterEach
    void stopRoutes() {
        pipeline.close();
    }

    @Test
    void theDefinitionLoadsFromItsFileWithTheLocalSubstitutions() {
        StateMachine machine = StateMachine.load(PipelineFixture.DEFINITION, pipeline.substitutions);
        JsonNode file = Json.parse(pipeline.definitionText);

        assertThat(machine.startAt()).isEqualTo(file.get("StartAt").asText());
        assertThat(machine.stateNames()).containsExactlyElementsOf(() -> file.get("States").fieldNames());
        assertThatThrownBy(() -> StateMachine.load(PipelineFixture.DEFINITION, Map.of()))
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("${GuardBudgetFunctionArn}");
        assertThatThrownBy(() -> StateMachine.load(Path.of("no/such/pipeline.asl.json"), Map.of()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("no/such/pipeline.asl.json");
    }

    @Test
    void theRunFollowsTheDefinitionThroughEveryStage() {
        List<List<HistoryEntry>> seenByWriteParquet = new ArrayList<>();
        pipeline.replacedStubs.put("write-parquet", e -> {
            ObjectNode state = (ObjectNode) Json.parse(e.getMessage().getBody(String.class));
            seenByWriteParquet.add(pipeline.registry.historyOf(state.at("/execution/id").asText()));
            e.getMessage().setBody(Json.write(state.put("write-parquet", true)));
        });
        JsonNode definition = Json.parse(pipeline.definitionText);

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("s1", PipelineFixture.manifest());

        assertThat(result.status()).as("%s: %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Workflows.statesEntered(result)).isEqualTo(PipelineFixture.happyPath(definition));
        assertThat(result.history()).extracting(HistoryEntry::outcome).containsOnly("succeeded");
        for (String routeId : pipeline.stageRouteIds()) {
            assertThat(result.output().get(routeId)).as("marker of %s", routeId).isNotNull();
        }
        assertThat(result.output().get("execution")).isEqualTo(Json.parse("""
                {"id": "arn:aws:states:eu-north-1:000000000000:execution:munin:s1", "start_time": "2024-05-01T10:00:00.000Z"}"""));
        assertThat(result.output().get("submit_batch_stage1")).isEqualTo(Json.parse("""
                {"job_id": "job-0001", "job_name": "munin-detector-s1", "status": "SUCCEEDED"}"""));
        assertThat(pipeline.batchRequests).singleElement().isEqualTo(Json.parse("""
                {"JobName": "munin-detector-s1",
                 "JobQueue": "%s", "JobDefinition": "%s",
                 "ContainerOverrides": {"Environment": [
                   {"Name": "INPUT_URI", "Value": "file:/out/stage0/images.jsonl"},
                   {"Name": "OUTPUT_URI", "Value": "file:/out/stage1/"},
                   {"Name": "PHOTOS_URI", "Value": "file:/photos"},
                   {"Name": "DETECTOR_STOP_AFTER_SECONDS", "Value": "49.5"},
                   {"Name": "DETECTOR_STOP_AT", "Value": "2026-12-04T08:00:00Z"},
                   {"Name": "DETECTOR_PRICE_PER_HOUR_DKK", "Value": "1.0"}]},
                 "RetryStrategy": {"Attempts": 2},
                 "Timeout": {"AttemptDurationSeconds": 3600}}""".formatted(
                pipeline.settings.getProperty("munin.workflow.local-spot-job-queue-arn"),
                pipeline.settings.getProperty("munin.workflow.local-job-definition-arn"))));
        assertThat(seenByWriteParquet).singleElement().satisfies(history -> {
            assertThat(history.get(history.size() - 1).state()).isEqualTo("WriteParquet");
            assertThat(history.get(history.size() - 1).outcome()).isEqualTo("running");
            assertThat(history.subList(0, history.size() - 1)).extracting(HistoryEntry::outcome).containsOnly("succeeded");
        });
    }

    @Test
    void aRunOfSeveralShardsSubmitsAnArrayJobAndMergesItsShards() {
        JsonNode definition = Json.parse(pipeline.definitionText);

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("sharded", PipelineFixture.manifest(3));

        assertThat(result.succeeded()).as("%s: %s", result.error(), result.cause()).isTrue();
        List<String> entered = Workflows.statesEntered(result);
        assertThat(entered).doesNotContain("SubmitBatchStage1")
                .containsSubsequence("CostEstimation", "ChooseDetectionJob", "SubmitBatchStage1Array", "MergeDetections", "Stage2Post");
        List<String> single = PipelineFixture.happyPath(definition);
        assertThat(entered).hasSameSizeAs(single);
        assertThat(single).containsSubsequence("ChooseDetectionJob", "SubmitBatchStage1", "MergeDetections");
        assertThat(result.output().get("merge-detections").asBoolean()).isTrue();
        assertThat(pipeline.batchRequests).singleElement().isEqualTo(Json.parse("""
                {"JobName": "munin-detector-s1",
                 "JobQueue": "%s", "JobDefinition": "%s",
                 "ArrayProperties": {"Size": 3},
                 "ContainerOverrides": {"Environment": [
                   {"Name": "INPUT_URI", "Value": "file:/out/stage0/images.jsonl"},
                   {"Name": "OUTPUT_URI", "Value": "file:/out/stage1/"},
                   {"Name": "PHOTOS_URI", "Value": "file:/photos"},
                   {"Name": "DETECTOR_STOP_AFTER_SECONDS", "Value": "16.5"},
                   {"Name": "DETECTOR_STOP_AT", "Value": "2026-12-04T08:00:00Z"},
                   {"Name": "DETECTOR_PRICE_PER_HOUR_DKK", "Value": "1.0"},
                   {"Name": "MUNIN_SHARD_COUNT", "Value": "3"}]},
                 "RetryStrategy": {"Attempts": 2},
                 "Timeout": {"AttemptDurationSeconds": 3600}}""".formatted(
                pipeline.settings.getProperty("munin.workflow.local-spot-job-queue-arn"),
                pipeline.settings.getProperty("munin.workflow.local-job-definition-arn"))));
    }

    @Test
    void anIncompleteDetectionOutputEndsTheRunAtFailDetection() {
        pipeline.replacedStubs.put("merge-detections", e -> {
            throw new DetectionsIncomplete("The detection job of 3 shards left 1 shard file(s) missing: detections-00001-of-00003.json");
        });

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("missing-shard", PipelineFixture.manifest(3));

        assertThat(result.error()).isEqualTo("DetectionFailed");
        assertThat(Json.parse(result.cause()).get("errorMessage").asText()).contains("detections-00001-of-00003.json");
        assertThat(Workflows.statesEntered(result)).endsWith("SubmitBatchStage1Array", "MergeDetections", "FailDetection");
    }

    @Test
    void aCopyWithTwoStatesSwappedRunsInTheNewOrder() {
        ObjectNode definition = (ObjectNode) Json.parse(pipeline.definitionText);
        ObjectNode states = (ObjectNode) definition.get("States");
        ((ObjectNode) states.get("SubmitBatchStage1")).put("Next", "WeatherEnrichment");
        ((ObjectNode) states.get("WeatherEnrichment")).put("Next", "Stage2Post");
        ((ObjectNode) states.get("Stage2Post")).put("Next", "WriteParquet");

        ExecutionResult result = pipeline.runner(pipeline.machine(Json.write(definition))).run("swapped", PipelineFixture.manifest());

        List<String> entered = Workflows.statesEntered(result);
        assertThat(entered).isEqualTo(PipelineFixture.happyPath(definition));
        assertThat(entered.indexOf("WeatherEnrichment")).isLessThan(entered.indexOf("Stage2Post"));
        assertThat(entered.indexOf("SubmitBatchStage1") + 1).isEqualTo(entered.indexOf("WeatherEnrichment"));
    }

    @Test
    void aCopyWithAStateRenamedRunsTheRenamedState() {
        ObjectNode definition = (ObjectNode) Json.parse(pipeline.definitionText);
        ObjectNode states = (ObjectNode) definition.get("States");
        states.set("PriceDetectionJob", states.remove("CostEstimation"));
        states.forEach(state -> {
            if ("CostEstimation".equals(state.path("Next").asText())) {
                ((ObjectNode) state).put("Next", "PriceDetectionJob");
            }
        });

        ExecutionResult result = pipeline.runner(pipeline.machine(Json.write(definition))).run("renamed", PipelineFixture.manifest());

        assertThat(result.succeeded()).isTrue();
        assertThat(Workflows.statesEntered(result)).isEqualTo(PipelineFixture.happyPath(definition))
                .contains("PriceDetectionJob").doesNotContain("CostEstimation");
        assertThat(result.output().get("cost-estimation").asBoolean()).isTrue();
    }

    @Test
    void aBudgetExceededFromGuardBudgetEndsTheRunAtFailBudget() {
        BudgetExceeded overBudget = TestBudgets.overBudget(30000, 10);
        String message = overBudget.getMessage();
        pipeline.replacedStubs.put("guard-budget", e -> {
            throw overBudget;
        });

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("over-budget", PipelineFixture.manifest());

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("BudgetExceeded");
        assertThat(Json.parse(result.cause()).get("errorMessage").asText()).isEqualTo(message);
        assertThat(result.history()).extracting(HistoryEntry::state, HistoryEntry::outcome, HistoryEntry::error).containsExactly(
                Tuple.tuple("RecordExecution", "succeeded", null),
                Tuple.tuple("GuardBudget", "caught", "dk.munin.budget.BudgetExceeded"),
                Tuple.tuple("FailBudget", "failed", "BudgetExceeded"));
    }

    @Test
    void anUnavailableStoreIsRetriedWithTheDefinitionsBackoff() {
        AtomicInteger calls = new AtomicInteger();
        pipeline.replacedStubs.put("stage0-exif", e -> {
            if (calls.incrementAndGet() <= 2) {
                throw new StorageUnavailable("S3 answered 503 Slow Down", null);
            }
            ObjectNode state = (ObjectNode) Json.parse(e.getMessage().getBody(String.class));
            e.getMessage().setBody(Json.write(state.put("stage0-exif", true)));
        });

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("flaky-store", PipelineFixture.manifest());

        assertThat(result.succeeded()).isTrue();
        assertThat(pipeline.workflows.sleeper.pauses()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(result.history()).filteredOn(entry -> entry.state().equals("Stage0Exif"))
                .singleElement().extracting(HistoryEntry::attempts).isEqualTo(3);
    }

    @Test
    void aFailedDetectorJobEndsTheRunAtFailDetection() {
        pipeline.replacedStubs.put("detect", e -> {
            throw new IllegalStateException("Detector exited with status 137 (out of memory)");
        });

        ExecutionResult result = pipeline.runner(pipeline.machine(pipeline.definitionText)).run("no-detector", PipelineFixture.manifest());

        assertThat(result.error()).isEqualTo("DetectionFailed");
        assertThat(result.cause()).isEqualTo("Detector exited with status 137 (out of memory)");
        assertThat(Workflows.statesEntered(result)).endsWith("SubmitBatchStage1", "FailDetection");
    }
}
