package dk.munin.stage.costestimation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.BudgetExceeded;
import dk.munin.budget.CostMetric;
import dk.munin.budget.CostModel;
import dk.munin.budget.DetectionBudget;
import dk.munin.budget.DetectionSharding;
import dk.munin.budget.WorstCasePolicy;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.InvalidState;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** CostEstimation's price, and how many shards the detection job runs as. */
class CostEstimationTest {

    /** application.properties: the job's RetryStrategy, and the shortest max_job_duration a manifest may give. */
    private static final int ATTEMPTS = 2;
    private static final int MIN_JOB_DURATION = 60;

    // 1500 ms per frame, as application.properties has it; prices don't matter for sharding.
    private final CostModel costModel = new CostModel(1500, 0.45, 1.30);
    private final CostEstimation estimation = new CostEstimation(costModel, budget(100), CostMetric.off());

    @Test
    void aRunThatFitsInMaxJobDurationIsOneShard() {
        JsonNode state = estimation.estimate(state(1000, 3600));

        // 1000 x 1.5 s = 1500 s <= 3600 s x 0.8
        assertThat(state.at("/cost_estimation/shards").asInt()).isEqualTo(1);
        assertThat(state.at("/cost_estimation/shards").asInt()).isEqualTo(1);
        assertThat(state.at("/cost_estimation/estimated_seconds_per_shard").asDouble()).isEqualTo(1500.0);
        assertThat(state.at("/cost_estimation/stage1_uri").asText()).isEqualTo("file:/out/stage1/");
    }

    @Test
    void aLargerRunIsSplitSoEachShardUsesAtMostTheSafetyFraction() {
        JsonNode state = estimation.estimate(state(10_000, 3600));

        // 10000 x 1.5 s = 15000 s; 15000 / (3600 x 0.8) = 5.2 -> 6 shards of 2500 s
        assertThat(state.at("/cost_estimation/shards").asInt()).isEqualTo(6);
        assertThat(state.at("/cost_estimation/shards").asInt()).isEqualTo(6);
        assertThat(state.at("/cost_estimation/estimated_seconds_per_shard").asDouble()).isCloseTo(2500.0, within(1e-9));
    }

    @Test
    void shardingDoesNotChangeThePrice() {
        JsonNode one = estimation.estimate(state(10_000, 1_209_600));
        JsonNode six = estimation.estimate(state(10_000, 3600));

        assertThat(one.at("/cost_estimation/shards").asInt()).isEqualTo(1);
        assertThat(six.at("/cost_estimation/estimate/estimated_cost").asDouble()).isEqualTo(one.at("/cost_estimation/estimate/estimated_cost").asDouble());
    }

    @Test
    void theShardCountStopsAtTheConfiguredMaximum() {
        CostEstimation capped = new CostEstimation(costModel, budget(4), CostMetric.off());

        // 10000 x 1.5 s = 15000 s needs 6 shards at 0.8 of 3600 s; 4 shards of 3750 s are too long for 3600 s
        assertThatThrownBy(() -> capped.estimate(state(10_000, 3600)))
                .isInstanceOf(InvalidManifest.class)
                .hasMessageContaining("Manifest field 'max_job_duration': 3600 s is too short")
                .hasMessageContaining("4 shards")
                .hasMessageContaining("at least 4688");
        // 9000 x 1.5 s = 13500 s: 4 shards of 3375 s fit in 3600 s, if not with the whole margin
        assertThat(capped.estimate(state(9000, 3600)).at("/cost_estimation/shards").asInt()).isEqualTo(4);
    }

    @Test
    void noPhotosOrNoTimeLimitIsOneShard() {
        assertThat(estimation.estimate(state(0, 3600)).at("/cost_estimation/shards").asInt()).isEqualTo(1);
        assertThat(estimation.estimate(state(1_000_000, 0)).at("/cost_estimation/shards").asInt()).isEqualTo(1);
    }

    @Test
    void theLimitsAreThoseOfAwsBatch() {
        assertThatThrownBy(() -> new DetectionSharding(10_001, 0.8)).hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> new DetectionSharding(0, 0.8)).hasMessageContaining("munin.detect.max-shards");
        assertThatThrownBy(() -> new DetectionSharding(100, 0)).hasMessageContaining("munin.detect.shard-safety-fraction");
        assertThatThrownBy(() -> new DetectionSharding(100, 1.5)).hasMessageContaining("munin.detect.shard-safety-fraction");
        assertThat(new DetectionSharding(10_000, 1.0).shards(600_000, 60)).isEqualTo(10_000);
    }

    @Test
    void theWorstCaseIsEveryAttemptOfEveryShardRunningTheWholeMaxJobDuration() {
        JsonNode state = estimation.estimate(state(10_000, 3600));

        // 6 shards (above) x 2 attempts x 1 h x 0.45 DKK/h = 5.4 DKK, against an expected 15000 s = 1.875 DKK
        assertThat(state.at("/cost_estimation/worst_case/cost_dkk").asDouble()).isCloseTo(5.4, within(1e-9));
        assertThat(state.at("/cost_estimation/worst_case/attempts").asInt()).isEqualTo(2);
        assertThat(state.at("/cost_estimation/worst_case/shards").asInt()).isEqualTo(6);
        assertThat(state.at("/cost_estimation/estimate/estimated_cost").asDouble()).isCloseTo(1.875, within(1e-9));
    }

    @Test
    void aBudgetAboveTheExpectedCostButBelowTheWorstCaseIsRefusedWithWhatWouldFit() {
        JsonNode between = ((ObjectNode) state(10_000, 3600)).put(RunState.BUDGET_DKK, 4);

        // 4 DKK / (2 attempts x 6 shards x 0.45 DKK/h) = 0.7407 h = 2666 s
        assertThatThrownBy(() -> estimation.estimate(between))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessage("Worst-case cost 5.4000 DKK exceeds budget_dkk 4 DKK, although the expected cost is 1.8750 DKK: "
                        + "2 attempts x 6 shards x max_job_duration 3600 s at 0.45 DKK/hour (spot), if every attempt ran until "
                        + "Batch stops it. Lower max_job_duration to at most 2666 s, or raise budget_dkk to at least 5.4.");
    }

    @Test
    void whenNoMaxJobDurationWouldFitTheRefusalAsksOnlyForMoreBudget() {
        // 1 photo: one shard; 2 attempts x 3600 s x 0.45 = 0.9 DKK; even 60 s is 0.015 DKK > 0.01
        JsonNode tiny = ((ObjectNode) state(1, 3600)).put(RunState.BUDGET_DKK, 0.01);

        assertThatThrownBy(() -> estimation.estimate(tiny))
                .isInstanceOf(BudgetExceeded.class)
                .hasMessageEndingWith("if every attempt ran until Batch stops it. Raise budget_dkk to at least 0.9.");
    }

    @Test
    void aRunOverBudgetIsStillRefusedFirst() {
        JsonNode overBudget = ((ObjectNode) state(10_000, 3600)).put(RunState.BUDGET_DKK, 0.01);

        assertThatThrownBy(() -> estimation.estimate(overBudget)).isInstanceOf(BudgetExceeded.class);
    }

    @Test
    void theEstimateOfARunThatGoesOnIsLoggedAsTheCostMetricAndARefusedOneIsNot() {
        List<String> lines = new ArrayList<>();
        CostEstimation metered = new CostEstimation(costModel, budget(100),
                new CostMetric(true, "Munin", lines::add, Clock.systemUTC()));
        ObjectNode within = (ObjectNode) state(10_000, 3600);
        within.putObject(RunState.EXECUTION).put("id", "arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:s1")
                .put("start_time", "2026-12-02T08:00:00Z");

        JsonNode estimated = metered.estimate(within);
        assertThatThrownBy(() -> metered.estimate(within.deepCopy().put(RunState.BUDGET_DKK, 0.01))).isInstanceOf(BudgetExceeded.class);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(Json.parse(line).get(CostMetric.METRIC).asDouble())
                    .isEqualTo(estimated.at("/cost_estimation/estimate/estimated_cost").asDouble()).isPositive();
            assertThat(Json.parse(line).get(CostMetric.DIMENSION).asText()).isEqualTo("munin-pipeline");
        });
    }

    @Test
    void aStateWithoutStageZerosCountsIsRefusedNamingTheStageAndTheField() {
        JsonNode withoutStage0 = ((ObjectNode) state(10, 3600)).without(RunState.STAGE0_EXIF);

        assertThatThrownBy(() -> estimation.estimate(withoutStage0))
                .isInstanceOf(InvalidState.class)
                .hasMessageStartingWith("CostEstimation needs 'stage0_exif' in the workflow state, which has none: Stage0Exif adds it");
    }

    @Test
    void aRenamedFieldIsRefusedRatherThanDropped() {
        JsonNode renamed = ((ObjectNode) state(10, 3600)).put("stage1_shards", 3);

        assertThatThrownBy(() -> estimation.estimate(renamed))
                .isInstanceOf(InvalidState.class)
                .hasMessageContaining("CostEstimation cannot read the workflow state")
                .hasMessageContaining("stage1_shards");
    }

    private static DetectionBudget budget(int maxShards) {
        return new DetectionBudget(new DetectionSharding(maxShards, 0.8), ATTEMPTS, MIN_JOB_DURATION, WorstCasePolicy.REFUSE);
    }

    private static JsonNode state(int photos, int maxJobDuration) {
        ObjectNode state = (ObjectNode) Json.parse("""
                {"session_id": "s1", "input_uri": "file:/photos", "output_uri": "file:/out", "budget_dkk": 1000,
                 "use_spot": true, "max_job_duration": %d, "max_runtime_min": 2880}""".formatted(maxJobDuration));
        return state.set("stage0_exif", TestStates.stage0Exif("file:/out/stage0/images.jsonl", photos));
    }
}
