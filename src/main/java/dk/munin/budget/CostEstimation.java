package dk.munin.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.storage.Location;

/**
 * CostEstimation: prices the detection job for the photos Stage-0 actually listed (the seed's
 * calculate_job_cost) and checks the budget once more, since the guard only counted names.
 */
public class CostEstimation {

    private final CostModel costModel;

    public CostEstimation(CostModel costModel) {
        this.costModel = costModel;
    }

    public ObjectNode estimate(JsonNode input) {
        RunState state = RunState.of(input);
        int photos = state.get(RunState.STAGE0).path("photos_listed").asInt();
        JobCost cost = costModel.price(photos, state.useSpot());
        if (cost.exceeds(state.budgetDkk())) {
            throw new BudgetExceeded(cost, state.budgetDkk());
        }
        return state.put(RunState.COST_ESTIMATE, Json.MAPPER.valueToTree(cost))
                .put(RunState.STAGE1_OUTPUT_URI, Location.parse(state.outputUri()).resolve("stage1/").uri())
                .json();
    }
}
