package dk.munin.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.Location;

/**
 * CostEstimation: prices the detection job for the photos Stage-0 actually listed (the seed's
 * calculate_job_cost), checks the budget once more, since the guard only counted names, and
 * decides how many shards the job runs as so each fits in max_job_duration. Sharding does not
 * change the price: the same detector hours are spread over more containers.
 */
public class CostEstimation {

    private final CostModel costModel;
    private final DetectionSharding sharding;

    public CostEstimation(CostModel costModel, DetectionSharding sharding) {
        this.costModel = costModel;
        this.sharding = sharding;
    }

    public ObjectNode estimate(JsonNode input) {
        RunState state = RunState.of(input);
        int photos = state.get(RunState.STAGE0).path("photos_listed").asInt();
        JobCost cost = costModel.price(photos, state.useSpot());
        if (cost.exceeds(state.budgetDkk())) {
            throw new BudgetExceeded(cost, state.budgetDkk());
        }
        int shards = sharding.shards(cost.detectorSeconds(), state.maxJobDurationSeconds());
        ObjectNode estimate = Json.MAPPER.valueToTree(cost);
        estimate.put("shards", shards);
        estimate.put("estimated_seconds_per_shard", cost.detectorSeconds() / shards);
        state.json().put(RunState.STAGE1_SHARDS, shards);
        return state.put(RunState.COST_ESTIMATE, estimate)
                .put(RunState.STAGE1_OUTPUT_URI, Location.parse(state.outputUri()).resolve("stage1/").uri())
                .json();
    }
}
